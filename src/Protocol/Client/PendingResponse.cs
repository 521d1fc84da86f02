using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;
using ProtocolCore.Threading;

namespace ProtocolCore.Client;

/// <summary>
/// One response in flight on a lane of a <see cref="ResponsesConnection"/>: the events another lane's reader routed to
/// it (bounded), why it ended early if it did, where its reader is (<see cref="ReaderState"/>), and the one signal its
/// reader waits on. Its data only: every transition is <see cref="ReadTurnRouter"/>'s, made under the router's lock.
/// </summary>
/// <remarks>
/// A lane keeps its last one (<see cref="ResponseLane.Spare"/>) and arms it again for its next response, with its
/// buffer, signal and <see cref="Timeout"/>: a response on a warm lane allocates none of them.
/// </remarks>
internal sealed class PendingResponse
{
    private readonly Queue<ResponsesEvent> _events = new();
    private readonly AsyncSignal _wake = new();
    private readonly int _capacity;

    private EventWaitTimeout? _timeout;

    public PendingResponse(ReadTurnRouter router, int capacity, long armedAt, TurnViewReader? views = null)
    {
        Router = router;
        _capacity = capacity;
        ArmedAt = armedAt;
        Views = views;
    }

    /// <summary>
    /// The view path's decoder when its caller reads views (<see cref="ResponsesSession.ReadTurnAsync"/>): what it reads
    /// while holding the read turn is decoded there, and only other lanes' events are copied. Null: owned events.
    /// </summary>
    public TurnViewReader? Views { get; private set; }

    /// <summary>The router whose lock guards this response (reached from cancellation callbacks).</summary>
    public ReadTurnRouter Router { get; }

    /// <summary>
    /// The <see cref="WebSockets.WebSocketReceivedMessage.Sequence"/> of the last message received when this response
    /// was armed: no message numbered this or lower is one of its events.
    /// </summary>
    public long ArmedAt { get; private set; }

    /// <summary>The timeout of its reader's waits, kept with it for the lane's next responses (created on first use).</summary>
    public EventWaitTimeout Timeout => _timeout ??= new EventWaitTimeout();

    /// <summary>Where its stream ends once a steer was accepted (a steered end hands over to a successor); the router's.</summary>
    public SteerSuccession Succession;

    /// <summary>Where its reader is; changed only by the router.</summary>
    public ReaderState State { get; set; }

    /// <summary>Ended early (a connection-level error, a close, a broken connection): buffered events come first.</summary>
    public bool Ended => Fault is not null;

    /// <summary>Why it ended early; null while it has not.</summary>
    public Exception? Fault { get; private set; }

    public bool HasBuffered => _events.Count > 0;

    public bool IsFull => _events.Count >= _capacity;

    public bool TryDequeue(out ResponsesEvent? item)
    {
        Debug.Assert(Monitor.IsEntered(Router.Gate));
        return _events.TryDequeue(out item);
    }

    public void Enqueue(ResponsesEvent item)
    {
        Debug.Assert(Monitor.IsEntered(Router.Gate) && !IsFull && !Ended);
        _events.Enqueue(item);
    }

    /// <summary>Armed again for the lane's next response (the last one was <see cref="Release"/>d): a fresh state.</summary>
    public void Rearm(long armedAt, TurnViewReader? views)
    {
        Debug.Assert(Monitor.IsEntered(Router.Gate) && _events.Count == 0 && State == ReaderState.Busy);
        ArmedAt = armedAt;
        Views = views;
        Fault = null;
        Succession = default;
    }

    /// <summary>
    /// Its caller is done with it: events nobody will read are dropped and the turn's view decoder let go (it goes back
    /// to its pool), so the lane's spare keeps neither alive while the session idles.
    /// </summary>
    public void Release()
    {
        Debug.Assert(Monitor.IsEntered(Router.Gate));
        _events.Clear();
        Views = null;
    }

    public void End(Exception fault)
    {
        Debug.Assert(Monitor.IsEntered(Router.Gate) && !Ended);
        Fault = fault;
    }

    /// <summary>Arms the reader's signal and returns the wait; the router <see cref="Wake"/>s it exactly once.</summary>
    public ValueTask PrepareWait()
    {
        Debug.Assert(Monitor.IsEntered(Router.Gate));
        _wake.Reset();
        return _wake.WaitAsync();
    }

    public void Wake() => _wake.Set();
}
