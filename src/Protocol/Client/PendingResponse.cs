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
/// it (bounded), why it ended early if it did, and the one signal its reader waits on. Every member runs under the
/// connection's lock (passed in as <c>gate</c>) except awaiting the returned waits.
/// </summary>
internal sealed class PendingResponse
{
    private readonly object _gate;
    private readonly int _capacity;
    private readonly Queue<ResponsesEvent> _events = new();
    private readonly AsyncSignal _readerSignal = new();
    private readonly AsyncSignal _spaceSignal = new();
    private bool _readerWaiting;
    private bool _routingReaderWaiting;

    public PendingResponse(object gate, int capacity, long armedAt)
    {
        _gate = gate;
        _capacity = capacity;
        ArmedAt = armedAt;
    }

    /// <summary>Data messages the socket had received when this response was armed: none of them is one of its events.</summary>
    public long ArmedAt { get; }

    /// <summary>Ended early (a connection-level error, a close, a broken connection): buffered events come first.</summary>
    public bool Ended { get; private set; }

    public Exception? Fault { get; private set; }

    /// <summary>Listed in the connection's queue of readers waiting for the read turn (listed at most once).</summary>
    public bool QueuedForReadTurn { get; set; }

    public bool TryDequeue(out ResponsesEvent? item)
    {
        Debug.Assert(Monitor.IsEntered(_gate));
        if (!_events.TryDequeue(out item))
        {
            return false;
        }

        WakeRoutingReader();
        return true;
    }

    /// <summary>Buffers an event for this response's reader; false when the buffer is full (then <see cref="WaitForSpace"/>).</summary>
    public bool TryEnqueue(ResponsesEvent item)
    {
        Debug.Assert(Monitor.IsEntered(_gate));
        if (Ended)
        {
            // Its reader is gone or about to fail: nobody will read the event.
            return true;
        }

        if (_events.Count >= _capacity)
        {
            return false;
        }

        _events.Enqueue(item);
        WakeReader();
        return true;
    }

    /// <summary>Ends the response after what is buffered; its reader then gets <paramref name="fault"/>.</summary>
    public void End(Exception fault)
    {
        Debug.Assert(Monitor.IsEntered(_gate));
        if (Ended)
        {
            return;
        }

        Fault = fault;
        Ended = true;
        WakeReader();
        WakeRoutingReader();
    }

    /// <summary>Wakes the reader if it waits (for an event, its end, or the read turn); false when it was not waiting.</summary>
    public bool WakeReader()
    {
        Debug.Assert(Monitor.IsEntered(_gate));
        if (!_readerWaiting)
        {
            return false;
        }

        _readerWaiting = false;
        _readerSignal.Set();
        return true;
    }

    /// <summary>The reader's wait: completes on the next event, the end, an offered read turn, or cancellation.</summary>
    public ValueTask WaitForWake()
    {
        Debug.Assert(Monitor.IsEntered(_gate) && !_readerWaiting);
        _readerSignal.Reset();
        _readerWaiting = true;
        return _readerSignal.WaitAsync();
    }

    /// <summary>The routing reader's wait for room in this full buffer: completes on room, the end, or cancellation.</summary>
    public ValueTask WaitForSpace()
    {
        Debug.Assert(Monitor.IsEntered(_gate) && !_routingReaderWaiting);
        _spaceSignal.Reset();
        _routingReaderWaiting = true;
        return _spaceSignal.WaitAsync();
    }

    /// <summary>Cancels <see cref="WaitForWake"/>: the reader wakes and checks its token.</summary>
    public void CancelReaderWait()
    {
        lock (_gate)
        {
            WakeReader();
        }
    }

    /// <summary>Cancels <see cref="WaitForSpace"/>: the routing reader wakes and checks its token.</summary>
    public void CancelSpaceWait()
    {
        lock (_gate)
        {
            WakeRoutingReader();
        }
    }

    /// <summary>Under the lock: wakes the routing reader if it waits for room here.</summary>
    private void WakeRoutingReader()
    {
        if (_routingReaderWaiting)
        {
            _routingReaderWaiting = false;
            _spaceSignal.Set();
        }
    }
}
