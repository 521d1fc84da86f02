using System;
using System.IO;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
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
            if (_deflater is not null)
            {
                _core.WriteMessage(_writer, opcode, _deflater.Compress(payload.Span), compressed: true);
            }
            else
            {
                _core.WriteMessage(_writer, opcode, payload.Span);
            }

            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// Writes one control frame under the send lock, with the pongs owed ahead of it in the same flush: our close (with
    /// code and reason), the close the core owes the peer (its echo, or the failure close), or a keep-alive ping.
    /// Nothing follows our close frame: a second close or a ping that lost the race to it writes nothing.
    /// </summary>
    private async Task WriteControlAsync(ControlWrite kind, WebSocketCloseCode status, string? reason, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (kind == ControlWrite.Ping && _core.CloseSent)
            {
                return;
            }

            ThrowIfCannotSend(allowAfterClose: kind != ControlWrite.Ping);
            bool written = kind switch
            {
                ControlWrite.Close => _core.TryWriteClose(_writer, status, reason),
                ControlWrite.CloseReply => _core.TryWriteCloseReply(_writer),
                _ => _core.TryWritePing(_writer, payload.Span),
            };

            if (written)
            {
                await FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends the waiting pongs now: the control loop's job, and the receive loop's when the pongs are backlogged.</summary>
    private async Task SendPendingPongsAsync(CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_core.CloseSent)
            {
                // Nothing may follow our close frame: the core drops them.
                _core.WritePendingPongs(_writer);
                return;
            }

            ThrowIfCannotSend(allowAfterClose: false);
            _core.WritePendingPongs(_writer);
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
        if (_writerCompleted || failure is not null || (!allowAfterClose && _core.CloseSent))
        {
            if (failure is not null and not WebSocketConnectionException { Error: WebSocketConnectionError.Aborted })
            {
                throw new WebSocketConnectionException(WebSocketConnectionError.Closed, "The connection has failed; nothing was sent: " + failure.Message, failure);
            }

            throw new WebSocketConnectionException(WebSocketConnectionError.Closed, "The connection is closing or closed; nothing was sent.");
        }
    }

    /// <summary>The control frames <see cref="WriteControlAsync"/> writes.</summary>
    private enum ControlWrite : byte
    {
        /// <summary>Our close, starting the closing handshake.</summary>
        Close,

        /// <summary>The close the core owes: the echo of the peer's close, or the close for its protocol error.</summary>
        CloseReply,

        Ping,
    }
}
