using System;
using System.Collections.Generic;
using System.Threading;

namespace ProtocolCore.WebSockets;

/// <summary>
/// Gives idle connections' receive buffers back to the pool once they have had no traffic for their
/// <see cref="WebSocketClientOptions.IdleBufferReleaseDelay"/>. One timer for the process, running only while some
/// connection is registered: a connection registers when its receive loop starts waiting for data and leaves the list
/// once it holds no buffer. The timer ticks every half of the shortest delay registered, so a buffer goes back 1 to 1.5
/// delays after the wait began. Giving buffers back at every wait instead (between two deltas of a stream, 20 ms apart)
/// made thousands of connections drain the shared pool, which then allocated arrays that lived long enough to reach gen2.
/// </summary>
internal static class WebSocketConnectionIdleTrimmer
{
    private static readonly object s_gate = new();
    private static readonly List<WebSocketConnection> s_registered = [];
    private static Timer? s_timer;

    /// <summary>The timer's period; 0 while it is stopped.</summary>
    private static long s_periodMilliseconds;

    /// <summary>Adds a connection whose receive loop is waiting for data; the caller registers it once (see its flag).</summary>
    public static void Register(WebSocketConnection connection)
    {
        long period = PeriodFor(connection.IdleReleaseDelayMilliseconds);
        lock (s_gate)
        {
            s_registered.Add(connection);
            if (s_periodMilliseconds == 0 || period < s_periodMilliseconds)
            {
                Start(period);
            }
        }
    }

    /// <summary>
    /// Trims the connections whose wait for data began a release delay or more before <paramref name="now"/>
    /// (<see cref="Environment.TickCount64"/>); those that hold no buffer leave the list.
    /// </summary>
    internal static void Sweep(long now)
    {
        lock (s_gate)
        {
            long shortest = long.MaxValue;
            for (int i = s_registered.Count - 1; i >= 0; i--)
            {
                WebSocketConnection connection = s_registered[i];
                if (connection.TrimIfIdleAt(now))
                {
                    // Order does not matter: move the last one here.
                    s_registered[i] = s_registered[^1];
                    s_registered.RemoveAt(s_registered.Count - 1);
                    connection.OnIdleTrimUnregistered();
                }
                else
                {
                    shortest = Math.Min(shortest, connection.IdleReleaseDelayMilliseconds);
                }
            }

            if (s_registered.Count == 0)
            {
                if (s_periodMilliseconds != 0)
                {
                    s_periodMilliseconds = 0;
                    s_timer!.Change(Timeout.Infinite, Timeout.Infinite);
                }
            }
            else if (s_periodMilliseconds != 0 && PeriodFor(shortest) != s_periodMilliseconds)
            {
                // The connection with the shortest delay left: tick no more often than those still here need.
                Start(PeriodFor(shortest));
            }
        }
    }

    /// <summary>Under the lock: (re)starts the timer with <paramref name="period"/>.</summary>
    private static void Start(long period)
    {
        s_periodMilliseconds = period;
        if (s_timer is null)
        {
            // No ExecutionContext (and no caller's AsyncLocals) captured by a process-wide timer.
            using (ExecutionContext.SuppressFlow())
            {
                s_timer = new Timer(static _ => Sweep(Environment.TickCount64), null, period, period);
            }
        }
        else
        {
            s_timer.Change(period, period);
        }
    }

    private static long PeriodFor(long delayMilliseconds) => Math.Max(1, delayMilliseconds / 2);
}
