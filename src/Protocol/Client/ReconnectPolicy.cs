using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Client;

/// <summary>
/// The one policy for opening a WebSocket connection, a session's own or a pool's: backoff between failed attempts (up
/// to <see cref="ResponsesClientOptions.MaxReconnectAttempts"/> retries), HTTP mode after a 426 or after the last
/// attempt when <see cref="ResponsesClientOptions.AllowHttpFallback"/> is on, a refused key (401, 403) at once.
/// </summary>
internal static class ReconnectPolicy
{
    /// <summary>Opens a connection with <paramref name="open"/>, retrying as the options say.</summary>
    /// <returns>The connection, or null when WebSocket mode is out of reach and the session should use HTTP mode.</returns>
    public static async Task<ResponsesConnection?> ConnectAsync(Func<CancellationToken, Task<ResponsesConnection>> open, ResponsesClientOptions options, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return await open(cancellationToken).ConfigureAwait(false);
            }
            catch (WebSocketHandshakeException e) when (e.StatusCode == 426 && options.AllowHttpFallback)
            {
                ObserverReport.HttpFallback(options, e);
                return null;
            }
            catch (WebSocketHandshakeException e) when (e.StatusCode is 401 or 403)
            {
                throw;
            }
            catch (Exception e) when (e is WebSocketHandshakeException or WebSocketConnectionException or IOException or SocketException or TimeoutException or HttpRequestException)
            {
                ObserverReport.ConnectFailed(options, e, attempt);
                if (attempt >= options.MaxReconnectAttempts)
                {
                    if (options.AllowHttpFallback)
                    {
                        ObserverReport.HttpFallback(options, e);
                        return null;
                    }

                    if (e is ProtocolCoreException)
                    {
                        throw;
                    }

                    // The transport types its own failures; this keeps anything it missed inside the library's family.
                    throw new WebSocketConnectionException(WebSocketConnectionError.ConnectFailed, "The connection could not be established: " + e.Message, e);
                }

                await BackoffAsync(options, attempt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Capped exponential backoff with jitter (50–100% of the step), so many clients do not reconnect in lockstep.</summary>
    public static Task BackoffAsync(ResponsesClientOptions options, int attempt, CancellationToken cancellationToken)
    {
        double step = Math.Min(options.ReconnectMaxDelay.TotalMilliseconds, options.ReconnectBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        double delay = step * (0.5 + (Random.Shared.NextDouble() * 0.5));
        return delay <= 0 ? Task.CompletedTask : Task.Delay(TimeSpan.FromMilliseconds(delay), cancellationToken);
    }
}
