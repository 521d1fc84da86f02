using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.WebSockets;

public sealed partial class WebSocketConnection
{
    private readonly TimeSpan _keepAliveInterval;
    private readonly TimeSpan _keepAliveTimeout;

    /// <summary>Wakes the control loop: a pong is due.</summary>
    private readonly SemaphoreSlim _controlSignal = new(0, 1);

    /// <summary>The payload of the latest ping not yet answered (RFC 6455 §5.5.3 lets us answer only the latest).</summary>
    private readonly byte[] _pongPayload = new byte[WebSocketFrameHeader.MaxControlPayloadLength];

    private readonly byte[] _pingPayload = new byte[sizeof(long)];

    private readonly object _pongGate = new();
    private int _pongLength;
    private bool _pongPending;

    /// <summary>Set by the receive loop when a pong arrives; the watchdog clears it when it pings.</summary>
    private bool _pongReceived;

    /// <summary>The receive loop is stopped by a full queue: a late pong may be waiting behind unread data.</summary>
    private bool _waitingForConsumer;

    /// <summary>Called by the receive loop: keep the ping's payload and let the control loop answer, so reading never waits on a send.</summary>
    private void SchedulePong(in ReadOnlySequence<byte> payload)
    {
        lock (_pongGate)
        {
            payload.CopyTo(_pongPayload);
            _pongLength = (int)payload.Length;
            _pongPending = true;
        }

        if (_controlSignal.CurrentCount == 0)
        {
            try
            {
                _controlSignal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled: the pending pong is picked up by the wake-up in flight.
            }
        }
    }

    /// <summary>
    /// Sends pongs as pings arrive and, when keep-alive is on, pings the server every interval; a pong that does not
    /// come back within the timeout (while the loop is reading) fails the connection.
    /// </summary>
    private async Task ControlLoopAsync()
    {
        await Task.Yield();
        bool keepAlive = _keepAliveInterval > TimeSpan.Zero;
        long intervalMs = (long)_keepAliveInterval.TotalMilliseconds;
        long timeoutMs = (long)_keepAliveTimeout.TotalMilliseconds;
        long nextPing = Environment.TickCount64 + intervalMs;
        long pongDeadline = long.MaxValue;
        long pingCount = 0;
        try
        {
            while (true)
            {
                long now = Environment.TickCount64;
                long wake = keepAlive ? Math.Min(nextPing, pongDeadline) : long.MaxValue;
                TimeSpan wait = wake == long.MaxValue ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(Math.Max(wake - now, 1));
                await _controlSignal.WaitAsync(wait, _abort.Token).ConfigureAwait(false);

                int length = 0;
                bool pong;
                byte[]? payload = null;
                lock (_pongGate)
                {
                    pong = _pongPending;
                    if (pong)
                    {
                        length = _pongLength;
                        payload = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
                        _pongPayload.AsSpan(0, length).CopyTo(payload);
                        _pongPending = false;
                    }
                }

                if (pong)
                {
                    try
                    {
                        await WriteControlAsync(WebSocketOpcode.Pong, default, null, payload.AsMemory(0, length), _abort.Token).ConfigureAwait(false);
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(payload!);
                    }
                }

                if (!keepAlive)
                {
                    continue;
                }

                now = Environment.TickCount64;
                if (pongDeadline != long.MaxValue)
                {
                    if (Volatile.Read(ref _pongReceived))
                    {
                        pongDeadline = long.MaxValue;
                        nextPing = now + intervalMs;
                    }
                    else if (now >= pongDeadline)
                    {
                        if (Volatile.Read(ref _waitingForConsumer))
                        {
                            // Not the server's fault: we are not reading. Look again later.
                            pongDeadline = now + timeoutMs;
                        }
                        else
                        {
                            Fail(new WebSocketConnectionException(WebSocketConnectionError.KeepAliveTimeout, "No pong arrived within the keep-alive timeout."));
                            return;
                        }
                    }
                }
                else if (now >= nextPing)
                {
                    Volatile.Write(ref _pongReceived, false);
                    pingCount++;
                    await WriteControlAsync(WebSocketOpcode.Ping, default, null, EncodePingPayload(_pingPayload, pingCount), _abort.Token).ConfigureAwait(false);
                    pongDeadline = Environment.TickCount64 + timeoutMs;
                }
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            // Torn down.
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or WebSocketConnectionException)
        {
            // A control frame could not be sent: the connection is going or gone; the receive loop reports why.
            Fail(e as WebSocketConnectionException ?? new WebSocketConnectionException(WebSocketConnectionError.ConnectionLost, "The connection was lost while sending a control frame.", e));
        }
    }
}
