using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;
using ProtocolCore.Json;
using ProtocolCore.Threading;

namespace ProtocolCore.Client;

/// <summary>
/// The read-turn state machine of a <see cref="ResponsesConnection"/>, without I/O: its lanes and the response in flight
/// on each, who holds the read turn (<see cref="ReadTurnState"/>) and who waits for it (<see cref="ReaderState"/>), where
/// each event goes, and how responses end. There is no router task: a reader whose buffer is empty takes the turn and
/// reads the socket itself, handing other lanes' events to their buffers, so with one response in flight an event
/// reaches its caller in one hand-off from the socket loop. The connection does the reading and the awaiting; every
/// decision and transition is a method here, each one critical section under <see cref="Gate"/>.
/// </summary>
/// <remarks>
/// Invariants: at most one reader is <see cref="ReaderState.Reading"/>, and it is <see cref="_reader"/> exactly when the
/// turn is not <see cref="ReadTurnState.Free"/>; a reader is <see cref="ReaderState.Waiting"/> exactly while it is in
/// <see cref="_waiters"/>, and then its buffer is empty; only the reading reader ever waits for space.
/// </remarks>
internal sealed class ReadTurnRouter
{
    private const int MaxStreamIdLength = ResponsesConnection.MaxStreamIdLength;

    /// <summary>
    /// The router's one lock: the lane table, each lane's response in flight, the read turn, the waiters, and every
    /// <see cref="PendingResponse"/>'s buffer and state. A plain object with <c>Monitor</c>: <c>System.Threading.Lock</c>
    /// measured no faster here (turn-cpu).
    /// </summary>
    private readonly object _gate = new();
    private readonly Dictionary<string, ResponseLane> _lanes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ResponseLane>.AlternateLookup<ReadOnlySpan<char>> _lanesByName;

    /// <summary>Readers in <see cref="ReaderState.Waiting"/>, oldest first; at most one per response in flight.</summary>
    private readonly List<PendingResponse> _waiters = [];

    /// <summary>The reading reader's wait for room in <see cref="_fullTarget"/>.</summary>
    private readonly AsyncSignal _space = new();
    private readonly Func<ErrorEvent, Exception> _connectionError;
    private readonly int _capacity;

    private ReadTurnState _turn;
    private PendingResponse? _reader;
    private PendingResponse? _fullTarget;
    private volatile bool _ended;

    /// <param name="capacity">Events buffered per response before the reading reader waits (at least 1).</param>
    /// <param name="connectionError">The exception a connection-level <c>error</c> ends each lane in flight with (one per lane: each is thrown on its own caller's stack).</param>
    public ReadTurnRouter(int capacity, Func<ErrorEvent, Exception> connectionError)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _connectionError = connectionError;
        _lanesByName = _lanes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The lock every transition holds (for assertions in <see cref="PendingResponse"/>).</summary>
    internal object Gate => _gate;

    /// <summary>True once reading ended (close, failure, abort): nothing can be armed any more.</summary>
    public bool HasEnded => _ended;

    /// <summary>The read turn's state (for tests and the debugger).</summary>
    public ReadTurnState Turn
    {
        get
        {
            lock (_gate)
            {
                return _turn;
            }
        }
    }

    /// <summary>The lane named <paramref name="key"/> (empty: the default lane), created on first use.</summary>
    public ResponseLane GetLane(string key)
    {
        lock (_gate)
        {
            if (!_lanes.TryGetValue(key, out ResponseLane? lane))
            {
                lane = new ResponseLane();
                _lanes.Add(key, lane);
            }

            return lane;
        }
    }

    /// <summary>The lane named <paramref name="key"/> (empty: the default lane) if it was used already; none is created.</summary>
    public ResponseLane? FindLane(string key)
    {
        lock (_gate)
        {
            return _lanes.GetValueOrDefault(key);
        }
    }

    /// <summary>Whether any lane's response (in flight or spare) refers to a view decoder (tests: an idle connection holds none).</summary>
    public bool HoldsViewReader()
    {
        lock (_gate)
        {
            foreach (ResponseLane lane in _lanes.Values)
            {
                if (lane.Active?.Views is not null || lane.Spare?.Views is not null)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// Arms a response on <paramref name="lane"/> before its request is sent (its first event can arrive before the send
    /// returns); null once reading has ended. <paramref name="armedAt"/> is the sequence number of the last message the
    /// transport had received: none of those is one of its events.
    /// </summary>
    public PendingResponse? Arm(ResponseLane lane, long armedAt, TurnViewReader? views = null)
    {
        lock (_gate)
        {
            Debug.Assert(lane.Active is null, "One response in flight per lane: the lane's gate is held.");
            if (_ended)
            {
                return null;
            }

            PendingResponse pending;
            if (lane.Spare is { } spare)
            {
                lane.Spare = null;
                spare.Rearm(armedAt, views);
                pending = spare;
            }
            else
            {
                pending = new PendingResponse(this, _capacity, armedAt, views);
            }

            lane.Active = pending;
            return pending;
        }
    }

    /// <summary>
    /// The response's caller is done with it (its terminal event, an error, or it stopped early): it leaves its lane, and
    /// a reader waiting for room in its buffer goes on (its events now go nowhere).
    /// </summary>
    public void Detach(ResponseLane lane, PendingResponse pending)
    {
        lock (_gate)
        {
            Debug.Assert(pending.State == ReaderState.Busy, "A response's caller detaches only between reads.");
            if (lane.Active == pending)
            {
                lane.Active = null;
            }

            ResumeSpaceWait(pending);

            // Nothing refers to it any more (not the lane, the waiters, the turn or a space wait): the lane's next
            // response reuses it.
            pending.Release();
            lane.Spare = pending;
        }
    }

    /// <summary>
    /// A reader asks for its next event: a buffered one, its end, its cancellation, the read turn (free, or handed to it
    /// while it waited), or a wait (<paramref name="wake"/>) while another reader holds the turn.
    /// </summary>
    public ReadStep Next(PendingResponse reader, bool cancellationRequested, out ResponsesEvent? item, out ValueTask wake)
    {
        wake = default;
        lock (_gate)
        {
            Debug.Assert(reader.State != ReaderState.Waiting, "A reader asks again only once its wait completed.");
            if (reader.TryDequeue(out item))
            {
                Debug.Assert(reader.State == ReaderState.Busy, "A reader with events buffered was never handed the turn.");
                ResumeSpaceWait(reader);
                return ReadStep.Event;
            }

            if (reader.Ended || cancellationRequested)
            {
                if (reader.State == ReaderState.Reading)
                {
                    // Handed the turn while waiting: it must not die with this reader.
                    ReleaseTurnLocked(reader);
                }

                return cancellationRequested ? ReadStep.Cancelled : ReadStep.Ended;
            }

            if (reader.State == ReaderState.Reading)
            {
                return ReadStep.Read;
            }

            if (_turn == ReadTurnState.Free)
            {
                TakeTurn(reader);
                return ReadStep.Read;
            }

            reader.State = ReaderState.Waiting;
            _waiters.Add(reader);
            wake = reader.PrepareWait();
            return ReadStep.Wait;
        }
    }

    /// <summary>Cancels a reader's <see cref="ReadStep.Wait"/>: it wakes and asks again (and sees its cancellation).</summary>
    public void CancelWait(PendingResponse reader)
    {
        lock (_gate)
        {
            WakeWaiter(reader);
        }
    }

    /// <summary>Routes an owned event (see the overload).</summary>
    public RouteOutcome Route(ResponsesEvent item, long sequence, PendingResponse reader, out ValueTask space) =>
        Route(item, sequence, reader, isView: false, out space);

    /// <summary>
    /// The reading reader hands the event of message <paramref name="sequence"/> to the response in flight on its lane.
    /// Its own: the turn passes on in the same step (<see cref="RouteOutcome.Own"/>). Another lane's: buffered, or, with
    /// that buffer full, <see cref="RouteOutcome.Full"/> and <paramref name="space"/> to await before routing it again
    /// (the socket has no per-lane flow control; bounded memory beats an unbounded backlog). A view
    /// (<paramref name="isView"/>, valid only until the reader's next read) is never buffered:
    /// <see cref="RouteOutcome.NeedsOwnedCopy"/> asks for an owned copy to route instead.
    /// </summary>
    public RouteOutcome Route(ResponsesEvent item, long sequence, PendingResponse reader, bool isView, out ValueTask space)
    {
        space = default;
        lock (_gate)
        {
            Debug.Assert(_turn == ReadTurnState.Held && _reader == reader, "Only the reader holding the turn routes.");
            ResponseLane? lane = FindLane(item.StreamId);
            PendingResponse? target = lane?.Active;
            if (target is not null && sequence <= target.ArmedAt)
            {
                // Received before that response was armed (between turns, unread until now): not one of its events.
                target = null;
            }

            if (target is null)
            {
                if (item is ErrorEvent error && item.StreamId is null)
                {
                    // An error without stream_id while the default lane had nothing in flight belongs to no request: it
                    // is connection-level, so every lane in flight when it arrived ends with it. (With the default lane
                    // in flight it is that response's error: the protocol gives no way to tell the two apart.)
                    EndLanesArmedBefore(sequence, error, fault: null);
                }

                // Anything else belongs to no response in flight (none is, on a healthy connection).
                return RouteOutcome.Dropped;
            }

            Debug.Assert(!target.Ended, "A response that ended has left its lane.");
            if (target != reader && isView)
            {
                // Nothing changed: the same decision is made again for the copy.
                return RouteOutcome.NeedsOwnedCopy;
            }

            if (target != reader && target.IsFull)
            {
                _turn = ReadTurnState.WaitingForSpace;
                _fullTarget = target;
                _space.Reset();
                space = _space.WaitAsync();
                return RouteOutcome.Full;
            }

            if (target.Succession.Ends(item))
            {
                // Cleared now: once its reader sees the terminal event it may arm the lane's next response.
                lane!.Active = null;
            }

            if (target == reader)
            {
                ReleaseTurnLocked(reader);
                return RouteOutcome.Own;
            }

            target.Enqueue(item);
            WakeWaiter(target);
            return RouteOutcome.Buffered;
        }
    }

    /// <summary>Cancels the reading reader's wait for space: it wakes (and sees its cancellation).</summary>
    public void CancelSpaceWait()
    {
        lock (_gate)
        {
            if (_turn == ReadTurnState.WaitingForSpace)
            {
                ResumeSpaceWait(_fullTarget!);
            }
        }
    }

    /// <summary>The reading reader stops reading without an event of its own (its end, a failure, cancellation).</summary>
    public void ReleaseTurn(PendingResponse reader)
    {
        lock (_gate)
        {
            ReleaseTurnLocked(reader);
        }
    }

    /// <summary>Reading is over (close, failure, abort): every response in flight ends with <paramref name="fault"/>.</summary>
    public void EndReceiving(Exception fault)
    {
        lock (_gate)
        {
            // Under the lock, so a response armed after this sees the flag instead of waiting for events that never come.
            _ended = true;
            EndLanesArmedBefore(long.MaxValue, error: null, fault);
        }
    }

    /// <summary>Under the lock: the free turn goes to <paramref name="reader"/>.</summary>
    private void TakeTurn(PendingResponse reader)
    {
        Debug.Assert(_turn == ReadTurnState.Free && _reader is null);
        _turn = ReadTurnState.Held;
        _reader = reader;
        reader.State = ReaderState.Reading;
    }

    /// <summary>Under the lock: the reader gives the turn up, and the oldest waiter, if any, gets it and is woken.</summary>
    private void ReleaseTurnLocked(PendingResponse reader)
    {
        Debug.Assert(_turn == ReadTurnState.Held && _reader == reader, "Only the reader holding the turn releases it, and not mid-wait.");
        reader.State = ReaderState.Busy;
        _reader = null;
        _turn = ReadTurnState.Free;
        if (_waiters.Count > 0)
        {
            PendingResponse next = _waiters[0];
            _waiters.RemoveAt(0);
            TakeTurn(next);
            next.Wake();
        }
    }

    /// <summary>Under the lock: wakes <paramref name="reader"/> if it waits (it then asks <see cref="Next"/> again).</summary>
    private void WakeWaiter(PendingResponse reader)
    {
        if (reader.State != ReaderState.Waiting)
        {
            return;
        }

        _waiters.Remove(reader);
        reader.State = ReaderState.Busy;
        reader.Wake();
    }

    /// <summary>Under the lock: if the reading reader waits for room in <paramref name="target"/>, it goes on.</summary>
    private void ResumeSpaceWait(PendingResponse target)
    {
        if (_turn != ReadTurnState.WaitingForSpace || _fullTarget != target)
        {
            return;
        }

        _turn = ReadTurnState.Held;
        _fullTarget = null;
        _space.Set();
    }

    /// <summary>
    /// Under the lock: ends every response in flight that was armed before message <paramref name="sequence"/>, with
    /// <paramref name="fault"/> or, for a connection-level <paramref name="error"/>, an exception per lane.
    /// </summary>
    private void EndLanesArmedBefore(long sequence, ErrorEvent? error, Exception? fault)
    {
        foreach (ResponseLane lane in _lanes.Values)
        {
            if (lane.Active is { } pending && pending.ArmedAt < sequence)
            {
                lane.Active = null;
                pending.End(error is null ? fault! : _connectionError(error));
                WakeWaiter(pending);
                ResumeSpaceWait(pending);
            }
        }
    }

    /// <summary>Under the lock: the lane an event's <c>stream_id</c> names (none: the default lane), without a string per event.</summary>
    private ResponseLane? FindLane(Utf8Text? streamId)
    {
        if (streamId is not { } id)
        {
            return _lanes.GetValueOrDefault(string.Empty);
        }

        // Lane keys are validated ids of at most MaxStreamIdLength ASCII characters: a longer one names no lane.
        Span<char> chars = stackalloc char[MaxStreamIdLength];
        return Encoding.UTF8.TryGetChars(id.Span, chars, out int length) && _lanesByName.TryGetValue(chars[..length], out ResponseLane? lane)
            ? lane
            : null;
    }
}
