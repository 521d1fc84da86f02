using System;
using System.Diagnostics;
using System.Threading;

namespace ProtocolCore.Client;

/// <summary>
/// The timeout of one response's event waits: its token is cancelled when a single wait (for the first event, or
/// between two events) lasts longer than its limit, or when the caller's token is. Time the caller spends handling
/// an event does not count, so a slow consumer is not mistaken for a silent server. A wait costs a timestamp under an
/// uncontended lock rather than re-arming a timer (two timer-queue operations per wait): the timer is armed once and,
/// when it fires while a later wait has time left, re-armed for what is left of it.
/// </summary>
internal sealed class EventWaitTimeout : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly ITimer _timer;
    private readonly object _gate = new();

    /// <summary>When the current wait began (a <see cref="Stopwatch"/> timestamp); 0 while not waiting.</summary>
    private long _waitingSince;

    /// <summary>The current wait's limit, in <see cref="Stopwatch"/> ticks.</summary>
    private long _limit;

    /// <summary>When the timer is due (a <see cref="Stopwatch"/> timestamp); <see cref="long.MaxValue"/> while unarmed.</summary>
    private long _dueAt = long.MaxValue;

    public EventWaitTimeout(CancellationToken cancellationToken)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _timer = TimeProvider.System.CreateTimer(static state => ((EventWaitTimeout)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Cancelled when a wait overran its limit or the caller cancelled.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>A wait begins; it may last up to <paramref name="limit"/>.</summary>
    public void BeginWait(TimeSpan limit)
    {
        long now = Stopwatch.GetTimestamp();
        long ticks = (long)(limit.TotalSeconds * Stopwatch.Frequency);
        lock (_gate)
        {
            _limit = ticks;
            _waitingSince = now;
            if (now + ticks < _dueAt)
            {
                // Unarmed, or armed for later than this wait's deadline (a shorter limit than the last one): the only
                // case that touches the timer.
                _dueAt = now + ticks;
                _timer.Change(limit, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>The wait ended (an event, or the end of the response); the timer stays armed and is ignored.</summary>
    public void EndWait()
    {
        lock (_gate)
        {
            _waitingSince = 0;
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _source.Dispose();
    }

    private void OnTimer()
    {
        long now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            if (_waitingSince == 0)
            {
                // Nobody waits: the next wait arms the timer again.
                _dueAt = long.MaxValue;
                return;
            }

            long deadline = _waitingSince + _limit;
            if (now < deadline)
            {
                // Armed by an earlier wait: this one has time left.
                _dueAt = deadline;
                _timer.Change(Stopwatch.GetElapsedTime(now, deadline), Timeout.InfiniteTimeSpan);
                return;
            }

            _dueAt = long.MaxValue;
        }

        try
        {
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The response ended as the timer fired.
        }
    }
}
