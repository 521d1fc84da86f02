using System;
using System.Diagnostics;
using System.Threading;

namespace ProtocolCore.Client;

/// <summary>
/// The timeout of a response's event waits: its token is cancelled when a single wait (for the first event, or
/// between two events) lasts longer than its limit, or when the caller's token is. Time the caller spends handling
/// an event does not count, so a slow consumer is not mistaken for a silent server. A wait costs a timestamp under an
/// uncontended lock rather than re-arming a timer (two timer-queue operations per wait): the timer is armed once and,
/// when it fires while a later wait has time left, re-armed for what is left of it.
/// </summary>
/// <remarks>
/// One instance serves a lane's responses one after another (<see cref="Start"/> … <see cref="Stop"/>), so a response
/// allocates no token source, timer or registration node of its own: the source is reset between responses (replaced
/// only after it was cancelled), and a timer still armed for an earlier response finds nobody waiting, or re-arms.
/// </remarks>
internal sealed class EventWaitTimeout : IDisposable
{
    private readonly ITimer _timer;
    private readonly object _gate = new();
    private CancellationTokenSource _source = new();

    /// <summary>The caller's token's link to <see cref="_source"/> for the response in progress.</summary>
    private CancellationTokenRegistration _caller;

    /// <summary>When the current wait began (a <see cref="Stopwatch"/> timestamp); 0 while not waiting.</summary>
    private long _waitingSince;

    /// <summary>The current wait's limit, in <see cref="Stopwatch"/> ticks.</summary>
    private long _limit;

    /// <summary>When the timer is due (a <see cref="Stopwatch"/> timestamp); <see cref="long.MaxValue"/> while unarmed.</summary>
    private long _dueAt = long.MaxValue;

    /// <summary>The timer is cancelling <see cref="_source"/> outside the lock: <see cref="Stop"/> must not reset it for the next response.</summary>
    private bool _cancelling;

    /// <summary>A timeout not yet serving a response (see <see cref="Start"/>).</summary>
    public EventWaitTimeout() =>
        _timer = TimeProvider.System.CreateTimer(static state => ((EventWaitTimeout)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    /// <summary>A timeout serving one response, linked to <paramref name="cancellationToken"/>.</summary>
    public EventWaitTimeout(CancellationToken cancellationToken)
        : this() => Start(cancellationToken);

    /// <summary>Cancelled when a wait overran its limit or the caller cancelled.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>A response begins: its caller's cancellation cancels <see cref="Token"/> (at once if it already did).</summary>
    public void Start(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _caller = cancellationToken.UnsafeRegister(static state => ((EventWaitTimeout)state!).CallerCancelled(), this);
        }
    }

    /// <summary>
    /// The response is over: the caller's token is unlinked and <see cref="Token"/> made ready for the next response
    /// (a fresh source when this one was cancelled). Harmless when no response was started.
    /// </summary>
    public void Stop()
    {
        // Waits for a callback already running, so none can cancel the source after the reset below.
        _caller.Dispose();
        _caller = default;
        lock (_gate)
        {
            _waitingSince = 0;
            if (_cancelling || !_source.TryReset())
            {
                if (!_cancelling)
                {
                    _source.Dispose();
                }

                _source = new CancellationTokenSource();
            }
        }
    }

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
        Stop();
        _timer.Dispose();
        _source.Dispose();
    }

    private void CallerCancelled()
    {
        CancellationTokenSource source;
        lock (_gate)
        {
            source = _source;
        }

        source.Cancel();
    }

    private void OnTimer()
    {
        long now = Stopwatch.GetTimestamp();
        CancellationTokenSource source;
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
            _cancelling = true;
            source = _source;
        }

        try
        {
            // Outside the lock: the token's callbacks take other locks. Should the response end meanwhile, Stop sees
            // _cancelling and gives the next response a fresh source rather than this one.
            source.Cancel();
        }
        finally
        {
            lock (_gate)
            {
                _cancelling = false;
            }
        }
    }
}
