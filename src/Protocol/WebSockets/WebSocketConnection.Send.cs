using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Pipelines;
using System.Net.Sockets;
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
    /// <exception cref="WebSocketConnectionException">
    /// The connection is closing, closed or failed (<see cref="WebSocketConnectionError.Closed"/>: nothing of this
    /// message was written), or it failed while the message was being written (it may have reached the peer).
    /// </exception>
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
            WritePendingPongs();
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

            // Pongs owed for pings that arrived earlier go first; after a close nothing may follow, so they go before it.
            WritePendingPongs();
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

    /// <summary>Sends the waiting pongs now: the control loop's job, and the receive loop's when the pong ring is full.</summary>
    private async Task SendPendingPongsAsync(CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _closeSent) != 0)
            {
                WritePendingPongs();
                return;
            }

            ThrowIfCannotSend(allowAfterClose: false);
            WritePendingPongs();
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
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The stream failed or was closed under us (teardown disposes it to stop a stuck write).
            var lost = new WebSocketConnectionException(WebSocketConnectionError.ConnectionLost, "The connection was lost while sending.", e);
            Fail(lost);
            throw lost;
        }
    }

    /// <summary>
    /// Under the send lock, before anything is written: refuses a send that cannot go out, so the caller knows nothing
    /// of its message reached the peer. After a failure nothing is written either: a failed flush may have left part
    /// of a frame behind, and anything after it would be misframed.
    /// </summary>
    private void ThrowIfCannotSend(bool allowAfterClose)
    {
        Exception? failure = Volatile.Read(ref _failure);
        if (_writerCompleted || failure is not null || (!allowAfterClose && Volatile.Read(ref _closeSent) != 0))
        {
            if (failure is not null and not WebSocketConnectionException { Error: WebSocketConnectionError.Aborted })
            {
                throw new WebSocketConnectionException(WebSocketConnectionError.Closed, "The connection has failed; nothing was sent: " + failure.Message, failure);
            }

            throw new WebSocketConnectionException(WebSocketConnectionError.Closed, "The connection is closing or closed; nothing was sent.");
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
