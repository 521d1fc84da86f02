using System;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.WebSockets;

public sealed partial class WebSocketConnection
{
    /// <summary>Wakes the control loop: a pong is due, or a pong arrived.</summary>
    private readonly SemaphoreSlim _controlSignal = new(0, 1);

    private readonly byte[] _pingPayload = new byte[sizeof(long)];

    /// <summary>The receive loop is stopped by a full queue: a late pong may be waiting behind unread data.</summary>
    private bool _waitingForConsumer;

    private void SignalControl()
    {
        if (_controlSignal.CurrentCount == 0)
        {
            try
            {
                _controlSignal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled: the wake-up in flight sees the new state.
            }
        }
    }

    /// <summary>
    /// Sends pongs as pings arrive and, when keep-alive is on, the pings the core's keep-alive asks for, at the times it
    /// gives; a pong that does not come back within the timeout (while the loop is reading) fails the connection.
    /// </summary>
    private async Task ControlLoopAsync()
    {
        await Task.Yield();
        WebSocketKeepAlive keepAlive = _core.KeepAlive!;
        try
        {
            while (true)
            {
                long wake = keepAlive.NextDeadline;
                TimeSpan wait = wake == long.MaxValue ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(Math.Max(wake - Environment.TickCount64, 1));
                await _controlSignal.WaitAsync(wait, _abort.Token).ConfigureAwait(false);

                // Answer every waiting ping (a send may have carried them out already).
                if (_core.HasPendingPongs)
                {
                    await SendPendingPongsAsync(_abort.Token).ConfigureAwait(false);
                }

                switch (keepAlive.Poll(Environment.TickCount64, Volatile.Read(ref _waitingForConsumer)))
                {
                    case WebSocketKeepAliveAction.SendPing:
                        int length = keepAlive.WritePingPayload(_pingPayload);
                        await WriteControlAsync(ControlWrite.Ping, default, null, _pingPayload.AsMemory(0, length), _abort.Token).ConfigureAwait(false);
                        keepAlive.OnPingSent(Environment.TickCount64);
                        break;
                    case WebSocketKeepAliveAction.TimedOut:
                        Fail(new WebSocketConnectionException(WebSocketConnectionError.KeepAliveTimeout, "No pong arrived within the keep-alive timeout."));
                        return;
                }
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            // Torn down.
        }
        catch (Exception e)
        {
            // A control frame could not be sent: the connection is going or gone; the receive loop reports why. Any
            // other exception is a bug, reported the same way rather than left in a task nobody observes.
            Fail(e as WebSocketConnectionException ?? new WebSocketConnectionException(WebSocketConnectionError.ConnectionLost, "The connection was lost while sending a control frame.", e));
        }
    }
}
