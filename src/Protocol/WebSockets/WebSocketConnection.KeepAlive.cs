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

    /// <summary>Wakes the control loop: a pong is due, or a pong arrived.</summary>
    private readonly SemaphoreSlim _controlSignal = new(0, 1);

    /// <summary>
    /// Payloads of pings not yet answered, oldest first: every ping gets its pong, as peers that count them expect.
    /// Past <see cref="MaxPendingPongs"/> the newest overwrites the last slot (RFC 6455 §5.5.3 lets us answer only
    /// the most recent ping), so a ping flood cannot grow memory.
    /// </summary>
    private readonly byte[][] _pongPayloads = CreatePongSlots();

    private readonly int[] _pongLengths = new int[MaxPendingPongs];

    private readonly byte[] _pongToSend = new byte[WebSocketFrameHeader.MaxControlPayloadLength];

    private readonly byte[] _pingPayload = new byte[sizeof(long)];

    private readonly object _pongGate = new();

    /// <summary>How many of <see cref="_pongPayloads"/> are waiting, from index 0.</summary>
    private int _pongCount;

    /// <summary>Set by the receive loop when a pong arrives; the watchdog clears it when it pings.</summary>
    private bool _pongReceived;

    /// <summary>The receive loop is stopped by a full queue: a late pong may be waiting behind unread data.</summary>
    private bool _waitingForConsumer;

    /// <summary>Called by the receive loop: keep the ping's payload and let the control loop answer, so reading never waits on a send.</summary>
    private void SchedulePong(in ReadOnlySequence<byte> payload)
    {
        lock (_pongGate)
        {
            int slot = Math.Min(_pongCount, MaxPendingPongs - 1);
            payload.CopyTo(_pongPayloads[slot]);
            _pongLengths[slot] = (int)payload.Length;
            _pongCount = slot + 1;
        }

        SignalControl();
    }

    /// <summary>Called by the receive loop for a pong: the watchdog can schedule the next ping now rather than at its deadline.</summary>
    private void OnPong()
    {
        Volatile.Write(ref _pongReceived, true);
        SignalControl();
    }

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

    private const int MaxPendingPongs = 8;

    private static byte[][] CreatePongSlots()
    {
        var slots = new byte[MaxPendingPongs][];
        for (int i = 0; i < slots.Length; i++)
        {
            slots[i] = new byte[WebSocketFrameHeader.MaxControlPayloadLength];
        }

        return slots;
    }

    /// <summary>Moves the oldest waiting ping payload into <see cref="_pongToSend"/> (only the control loop calls this).</summary>
    private bool TryTakePong(out int length)
    {
        lock (_pongGate)
        {
            if (_pongCount == 0)
            {
                length = 0;
                return false;
            }

            length = _pongLengths[0];
            _pongPayloads[0].AsSpan(0, length).CopyTo(_pongToSend);

            // Shift the rest down; at most 7 slots of 125 bytes, and only when pings queue up.
            byte[] first = _pongPayloads[0];
            Array.Copy(_pongPayloads, 1, _pongPayloads, 0, MaxPendingPongs - 1);
            Array.Copy(_pongLengths, 1, _pongLengths, 0, MaxPendingPongs - 1);
            _pongPayloads[MaxPendingPongs - 1] = first;
            _pongCount--;
            return true;
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

                // Answer every waiting ping, one pong at a time under the send lock.
                while (TryTakePong(out int length))
                {
                    await WriteControlAsync(WebSocketOpcode.Pong, default, null, _pongToSend.AsMemory(0, length), _abort.Token).ConfigureAwait(false);
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
