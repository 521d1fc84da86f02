using System;
using System.Collections.Generic;
using System.Threading;

namespace ProtocolCore.WebSockets;

/// <summary>
/// Gives idle connections' receive buffers back to the pool once they have had no traffic for
/// <see cref="IdleDelayMilliseconds"/>. One timer for the process, running only while some connection is registered:
/// a connection registers when its receive loop starts waiting for data and leaves the list once it holds no buffer.
/// Giving buffers back at every wait instead (between two deltas of a stream, 20 ms apart) made thousands of
/// connections drain the shared pool, which then allocated arrays that lived long enough to reach gen2.
/// </summary>
internal static class WebSocketConnectionIdleTrimmer
{
    /// <summary>How long a connection waits for data before its buffers go back: longer than the gaps inside a turn.</summary>
    internal const int IdleDelayMilliseconds = 1000;

    /// <summary>How often the registered connections are checked: a buffer goes back 1 to 1.5 idle delays after the wait began.</summary>
    private const int SweepPeriodMilliseconds = IdleDelayMilliseconds / 2;

    private static readonly object s_gate = new();
    private static readonly List<WebSocketConnection> s_registered = [];
    private static Timer? s_timer;
    private static bool s_running;

    /// <summary>Adds a connection whose receive loop is waiting for data; the caller registers it once (see its flag).</summary>
    public static void Register(WebSocketConnection connection)
    {
        lock (s_gate)
        {
            s_registered.Add(connection);
            if (!s_running)
            {
                s_running = true;
                if (s_timer is null)
                {
                    // No ExecutionContext (and no caller's AsyncLocals) captured by a process-wide timer.
                    using (ExecutionContext.SuppressFlow())
                    {
                        s_timer = new Timer(static _ => Sweep(Environment.TickCount64 - IdleDelayMilliseconds), null, SweepPeriodMilliseconds, SweepPeriodMilliseconds);
                    }
                }
                else
                {
                    s_timer.Change(SweepPeriodMilliseconds, SweepPeriodMilliseconds);
                }
            }
        }
    }

    /// <summary>Trims the connections idle since <paramref name="cutoff"/> or earlier; those that hold no buffer leave the list.</summary>
    internal static void Sweep(long cutoff)
    {
        lock (s_gate)
        {
            for (int i = s_registered.Count - 1; i >= 0; i--)
            {
                WebSocketConnection connection = s_registered[i];
                if (connection.TrimIdleBuffers(cutoff))
                {
                    // Order does not matter: move the last one here.
                    s_registered[i] = s_registered[^1];
                    s_registered.RemoveAt(s_registered.Count - 1);
                    connection.OnIdleTrimUnregistered();
                }
            }

            if (s_registered.Count == 0 && s_running)
            {
                s_running = false;
                s_timer!.Change(Timeout.Infinite, Timeout.Infinite);
            }
        }
    }
}
