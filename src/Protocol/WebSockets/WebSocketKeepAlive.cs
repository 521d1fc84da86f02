using System;
using System.Buffers.Binary;
using System.Threading;

namespace ProtocolCore.WebSockets;

/// <summary>
/// Keep-alive bookkeeping without a clock: ping every interval, and declare the connection dead when a ping's pong
/// has not come back within the timeout. The caller passes the time (milliseconds of any monotonic clock) and sends
/// the ping; <see cref="WebSocketConnectionCore"/> reports arriving pongs.
/// </summary>
/// <remarks>
/// <see cref="OnPongReceived"/> comes from the receiving side; everything else from one caller (the connection's
/// control loop).
/// </remarks>
internal sealed class WebSocketKeepAlive
{
    private readonly long _intervalMs;
    private readonly long _timeoutMs;
    private long _nextPing;
    private long _pongDeadline = long.MaxValue;
    private long _pingCount;

    /// <summary>Set when a pong arrives; cleared when the next ping is due.</summary>
    private bool _pongReceived;

    /// <param name="interval">Time between pings; zero or less turns keep-alive off.</param>
    /// <param name="timeout">How long a ping's pong may take.</param>
    /// <param name="now">The current time in milliseconds; the first ping is due one interval later.</param>
    public WebSocketKeepAlive(TimeSpan interval, TimeSpan timeout, long now)
    {
        IsEnabled = interval > TimeSpan.Zero;
        _intervalMs = (long)interval.TotalMilliseconds;
        _timeoutMs = (long)timeout.TotalMilliseconds;
        _nextPing = IsEnabled ? now + _intervalMs : long.MaxValue;
    }

    public bool IsEnabled { get; }

    /// <summary>When <see cref="Poll"/> next has something to decide (<see cref="long.MaxValue"/>: never, unless a pong arrives).</summary>
    public long NextDeadline => Math.Min(_nextPing, _pongDeadline);

    /// <summary>Pings sent so far; the payload of the latest ping.</summary>
    public long PingCount => _pingCount;

    /// <summary>A pong arrived: the ping in flight is answered, and the next one can be scheduled.</summary>
    public void OnPongReceived() => Volatile.Write(ref _pongReceived, true);

    /// <summary>
    /// Decides what is due at <paramref name="now"/>. A missing pong is not the peer's fault while
    /// <paramref name="receiverPaused"/> (we stopped reading, so its pong may wait behind unread data): the deadline
    /// moves on instead.
    /// </summary>
    public WebSocketKeepAliveAction Poll(long now, bool receiverPaused)
    {
        if (!IsEnabled)
        {
            return WebSocketKeepAliveAction.None;
        }

        if (_pongDeadline != long.MaxValue)
        {
            if (Volatile.Read(ref _pongReceived))
            {
                _pongDeadline = long.MaxValue;
                _nextPing = now + _intervalMs;
            }
            else if (now >= _pongDeadline)
            {
                if (!receiverPaused)
                {
                    return WebSocketKeepAliveAction.TimedOut;
                }

                _pongDeadline = now + _timeoutMs;
            }

            return WebSocketKeepAliveAction.None;
        }

        if (now < _nextPing)
        {
            return WebSocketKeepAliveAction.None;
        }

        Volatile.Write(ref _pongReceived, false);
        _pingCount++;
        _nextPing = long.MaxValue;
        return WebSocketKeepAliveAction.SendPing;
    }

    /// <summary>The ping asked for by <see cref="Poll"/> went out at <paramref name="now"/>: its pong is due within the timeout.</summary>
    public void OnPingSent(long now) => _pongDeadline = now + _timeoutMs;

    /// <summary>Writes the latest ping's payload, its number as 8 big-endian bytes, and returns its length.</summary>
    public int WritePingPayload(Span<byte> destination)
    {
        BinaryPrimitives.WriteInt64BigEndian(destination, _pingCount);
        return sizeof(long);
    }
}
