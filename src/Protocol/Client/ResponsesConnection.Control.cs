using System;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Client;

public sealed partial class ResponsesConnection
{
    /// <summary>
    /// Sends a client event that starts no response (<c>response.steer</c>, <c>response.inject</c>): it takes no lane
    /// and no in-flight slot, and reads nothing. Its answer arrives on the lane of the response it names and is read by
    /// that response's reader, like the response's other events.
    /// </summary>
    /// <exception cref="ResponsesRequestTooLargeException">The message is over <see cref="ResponsesClientOptions.MaxRequestMessageBytes"/>; nothing was sent.</exception>
    /// <exception cref="ResponsesConnectionClosedException">The connection is closed; nothing was sent.</exception>
    /// <exception cref="ResponseInterruptedException">The send failed part-way; the message may have been sent.</exception>
    internal async Task SendControlAsync(byte[] payload, CancellationToken cancellationToken)
    {
        ResponsesRequestTooLargeException.ThrowIfTooLarge(payload.Length, _options.MaxRequestMessageBytes, "client event");
        if (!IsOpen)
        {
            throw new ResponsesConnectionClosedException(CloseStatus, "The connection is closed; nothing was sent.");
        }

        try
        {
            await _socket.SendTextAsync(payload, cancellationToken).ConfigureAwait(false);
        }
        catch (WebSocketConnectionException e) when (e.Error == WebSocketConnectionError.Closed)
        {
            throw new ResponsesConnectionClosedException(CloseStatus, "The connection closed before the message could be sent; nothing was sent.", e);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw ResponseInterruptedException.Create(null, 0, e);
        }

        Interlocked.Add(ref _bytesSent, payload.Length);
        ResponsesClientDiagnostics.BytesSent.Add(payload.Length);
    }
}
