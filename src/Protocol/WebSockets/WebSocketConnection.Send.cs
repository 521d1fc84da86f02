using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.WebSockets;

public sealed partial class WebSocketConnection
{
    /// <summary>
    /// Sends one text message (validated UTF-8), as one masked frame, compressed when negotiated and enabled. Frames
    /// and a flush are written under the send lock, so concurrent sends and the loop's control frames never interleave.
    /// </summary>
    /// <exception cref="ArgumentException">The bytes are not UTF-8.</exception>
    /// <exception cref="InvalidOperationException">The connection is closing or closed.</exception>
    public ValueTask SendTextAsync(ReadOnlyMemory<byte> utf8, CancellationToken cancellationToken = default)
    {
        if (!Utf8.IsValid(utf8.Span))
        {
            throw new ArgumentException("A text message must be valid UTF-8.", nameof(utf8));
        }

        return SendMessageAsync(WebSocketOpcode.Text, utf8, cancellationToken);
    }

    /// <summary>Sends one binary message; see <see cref="SendTextAsync"/>.</summary>
    public ValueTask SendBinaryAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default) =>
        SendMessageAsync(WebSocketOpcode.Binary, payload, cancellationToken);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendMessageAsync(WebSocketOpcode opcode, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfCannotSend(allowAfterClose: false);
            if (_deflater is not null)
            {
                _frameWriter.WriteFrame(_writer, opcode, _deflater.Compress(payload.Span), fin: true, compressed: true);
            }
            else
            {
                _frameWriter.WriteMessage(_writer, opcode, payload.Span);
            }

            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Writes one control frame under the send lock: a close (with code and reason) or a ping/pong (with payload).</summary>
    private async Task WriteControlAsync(
        WebSocketOpcode opcode,
        WebSocketCloseStatus status,
        string? reason,
        ReadOnlyMemory<byte> payload,
        CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (opcode != WebSocketOpcode.Close && Volatile.Read(ref _closeSent) != 0)
            {
                // Nothing may follow our close frame; a ping or pong that lost the race is simply not sent.
                return;
            }

            ThrowIfCannotSend(allowAfterClose: opcode == WebSocketOpcode.Close);
            if (opcode == WebSocketOpcode.Close)
            {
                if (status is WebSocketCloseStatus.NoStatusReceived or WebSocketCloseStatus.AbnormalClosure or WebSocketCloseStatus.TlsHandshakeFailure)
                {
                    // Local-only codes never go on the wire: answer a close without a code with one without a code.
                    _frameWriter.WriteClose(_writer);
                }
                else
                {
                    _frameWriter.WriteClose(_writer, status, Truncate(reason));
                }
            }
            else
            {
                _frameWriter.WriteFrame(_writer, opcode, payload.Span);
            }

            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            FlushResult result = await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCanceled || result.IsCompleted)
            {
                throw new WebSocketConnectionException(WebSocketConnectionError.ConnectionLost, "The connection closed while sending.");
            }
        }
        catch (OperationCanceledException)
        {
            // Part of a frame may be on the wire: the framing is lost, so the connection is too.
            Fail(new WebSocketConnectionException(WebSocketConnectionError.Aborted, "A send was cancelled part-way; the connection was aborted."));
            throw;
        }
        catch (IOException e)
        {
            var lost = new WebSocketConnectionException(WebSocketConnectionError.ConnectionLost, "The connection was lost while sending.", e);
            Fail(lost);
            throw lost;
        }
    }

    private void ThrowIfCannotSend(bool allowAfterClose)
    {
        if (_writerCompleted || (!allowAfterClose && Volatile.Read(ref _closeSent) != 0))
        {
            if (_failure is { } failure and not WebSocketConnectionException { Error: WebSocketConnectionError.Aborted })
            {
                throw new InvalidOperationException("The connection has failed: " + failure.Message, failure);
            }

            throw new InvalidOperationException("The connection is closing or closed.");
        }
    }

    /// <summary>Cuts a close reason to the 123 bytes a close frame allows, on a character boundary.</summary>
    private static string? Truncate(string? reason)
    {
        if (reason is null || Encoding.UTF8.GetByteCount(reason) <= WebSocketFrameWriter.MaxCloseReasonLength)
        {
            return reason;
        }

        int length = reason.Length;
        while (length > 0 && Encoding.UTF8.GetByteCount(reason.AsSpan(0, length)) > WebSocketFrameWriter.MaxCloseReasonLength)
        {
            length--;
            if (length > 0 && char.IsHighSurrogate(reason[length - 1]))
            {
                length--;
            }
        }

        return reason[..length];
    }

    private static ReadOnlyMemory<byte> EncodePingPayload(byte[] buffer, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(buffer, value);
        return buffer;
    }
}
