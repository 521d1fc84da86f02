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
    /// Payloads of pings not yet answered, a ring of <see cref="MaxPendingPongs"/> slots of 125 bytes, oldest at
    /// <see cref="_pongHead"/>. Every ping gets its pong, in arrival order, as peers that count them expect; when the
    /// ring is full the receive loop sends the waiting pongs itself before reading on, so a ping flood slows reading
    /// down instead of growing memory or losing pongs.
    /// </summary>
    private readonly byte[] _pongPayloads = new byte[MaxPendingPongs * WebSocketFrameHeader.MaxControlPayloadLength];

    private readonly int[] _pongLengths = new int[MaxPendingPongs];

    private readonly byte[] _pingPayload = new byte[sizeof(long)];

    /// <summary>Guards the pong ring; taken briefly by the receive loop and by whoever holds the send lock.</summary>
    private readonly object _pongGate = new();

    private int _pongHead;

    /// <summary>How many slots of the ring are waiting, from <see cref="_pongHead"/>.</summary>
    private int _pongCount;

    /// <summary>Set by the receive loop when a pong arrives; the watchdog clears it when it pings.</summary>
    private bool _pongReceived;

    /// <summary>The receive loop is stopped by a full queue: a late pong may be waiting behind unread data.</summary>
    private bool _waitingForConsumer;

    private const int MaxPendingPongs = 8;

    /// <summary>
    /// Called by the receive loop for a ping: keeps its payload for the pong. The pong leaves before any frame written
    /// after this call (the control loop's, or a send in reaction to a later message), because every writer sends
    /// the waiting pongs first under the send lock. False when the ring is full (send the waiting pongs, then retry).
    /// </summary>
    private bool TryQueuePong(in ReadOnlySequence<byte> payload)
    {
        lock (_pongGate)
        {
            if (_pongCount == MaxPendingPongs)
            {
                return false;
            }

            int slot = (_pongHead + _pongCount) % MaxPendingPongs;
            payload.CopyTo(_pongPayloads.AsSpan(slot * WebSocketFrameHeader.MaxControlPayloadLength));
            _pongLengths[slot] = (int)payload.Length;
            _pongCount++;
        }

        SignalControl();
        return true;
    }

    /// <summary>
    /// Under the send lock: writes every waiting pong, oldest first, into the pipe ahead of the caller's own frame
    /// (one flush carries both). After our close frame they are dropped: nothing may follow it.
    /// </summary>
    private void WritePendingPongs()
    {
        // Every send passes here: skip the lock when nothing waits. A pong queued after this read answers a ping that
        // arrived after everything this sender reacts to, so it may follow this frame; the control loop sends it.
        if (Volatile.Read(ref _pongCount) == 0)
        {
            return;
        }

        lock (_pongGate)
        {
            bool closeSent = Volatile.Read(ref _closeSent) != 0;
            while (_pongCount > 0)
            {
                if (!closeSent)
                {
                    int offset = _pongHead * WebSocketFrameHeader.MaxControlPayloadLength;
                    _frameWriter.WriteFrame(_writer, WebSocketOpcode.Pong, _pongPayloads.AsSpan(offset, _pongLengths[_pongHead]));
                }

                _pongHead = (_pongHead + 1) % MaxPendingPongs;
                _pongCount--;
            }
        }
    }

    private bool HasPendingPongs => Volatile.Read(ref _pongCount) > 0;

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

                // Answer every waiting ping (a send may have carried them out already).
                if (HasPendingPongs)
                {
                    await SendPendingPongsAsync(_abort.Token).ConfigureAwait(false);
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
        catch (Exception e)
        {
            // A control frame could not be sent: the connection is going or gone; the receive loop reports why. Any
            // other exception is a bug, reported the same way rather than left in a task nobody observes.
            Fail(e as WebSocketConnectionException ?? new WebSocketConnectionException(WebSocketConnectionError.ConnectionLost, "The connection was lost while sending a control frame.", e));
        }
    }
}
