using System;
using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;
using ProtocolCore.Threading;

namespace ProtocolCore.WebSockets;

/// <summary>
/// The bounded hand-off between the receive loop (one producer) and the consumer (one caller of
/// <see cref="ReceiveAsync"/> at a time). Messages are copied into pooled buffers, so the loop can advance the pipe
/// and keep answering pings while the consumer is busy; when the queue is full the loop waits (backpressure: it stops
/// reading, nothing is dropped). A delivered message stays in its slot until the consumer asks for the next one (or
/// calls <see cref="ReleaseHeld"/> with its number). Waiting is done with reusable <see cref="IValueTaskSource"/>s: no allocation per message.
/// </summary>
/// <remarks>
/// Sized by use, so an idle connection holds little. The ring starts at <see cref="InitialSlotCount"/> slots, doubles
/// up to the capacity when messages pile up. Buffers are rented as messages arrive; a consumed message's buffer stays
/// in its slot for a later message, so a connection that keeps receiving recycles its own buffers and allocates
/// nothing. Once the connection has been idle for a while (the producer has waited for data since before a cutoff:
/// <see cref="SetProducerIdle"/>, <see cref="TrimIfIdleSince"/>) and the queue is empty, every buffer goes back to the
/// pool and the ring back to its small size. Not at every wait: a stream's deltas come tens of milliseconds apart, and
/// giving the buffers back between two of them, on thousands of connections, drains the shared pool, which then
/// allocates.
/// </remarks>
internal sealed class WebSocketReceiveQueue
{
    /// <summary>Slots of a queue that is keeping up: a message or two wait at a time.</summary>
    internal const int InitialSlotCount = 4;

    /// <summary>The smallest buffer rented for a message: most events fit, so they share one pool bucket.</summary>
    private const int MinimumBufferLength = 256;

    /// <summary>A consumed message's buffer larger than this goes back to the pool at once, even while the queue is busy.</summary>
    private const int MaxRecycledBufferLength = 64 * 1024;

    private readonly object _gate = new();
    private readonly ArrayPool<byte> _pool;
    private readonly int _capacity;

    /// <summary>The ring; replaced (under the lock) when it grows or shrinks.</summary>
    private Slot[] _slots;
    private readonly HandOffSignal _itemAvailable = new();
    private readonly AsyncSignal _spaceAvailable = new();

    /// <summary>The oldest message; the one the consumer holds when <see cref="_consumerHoldsHead"/>.</summary>
    private int _head;

    /// <summary>Published messages, including the one the consumer holds.</summary>
    private int _count;

    /// <summary>The consumer was handed slot <see cref="_head"/> and has not asked for the next message yet.</summary>
    private bool _consumerHoldsHead;

    /// <summary>Messages published since the connection opened: the sequence number of the latest one.</summary>
    private long _published;

    private bool _consumerWaiting;

    /// <summary>The producer is waiting for data (since <see cref="_idleSince"/>): an empty queue may be trimmed.</summary>
    private bool _producerIdle;

    /// <summary>When the producer started waiting for data (<see cref="Environment.TickCount64"/> in the connection).</summary>
    private long _idleSince;
    private bool _producerWaiting;
    private bool _receiving;

    /// <summary>No more messages will be published; what is queued is still delivered, then the terminal result.</summary>
    private bool _completed;

    /// <summary>The connection is being torn down: the producer's waits for space complete at once (<see cref="WakeProducer"/>).</summary>
    private bool _producerWoken;

    private WebSocketReceivedMessage _closeMessage;
    private ExceptionDispatchInfo? _failure;

    /// <param name="capacity">How many messages may wait (including the one the consumer holds).</param>
    /// <param name="pool">Where message buffers come from; null for <see cref="ArrayPool{T}.Shared"/>.</param>
    public WebSocketReceiveQueue(int capacity, ArrayPool<byte>? pool = null)
    {
        _capacity = capacity;
        _pool = pool ?? ArrayPool<byte>.Shared;
        _slots = new Slot[Math.Min(InitialSlotCount, capacity)];
    }

    /// <summary>The ring's current length (tests check it grows under load and shrinks back when idle).</summary>
    internal int SlotCount
    {
        get
        {
            lock (_gate)
            {
                return _slots.Length;
            }
        }
    }

    /// <summary>True once completed: the producer must stop publishing.</summary>
    public bool IsCompleted
    {
        get
        {
            lock (_gate)
            {
                return _completed;
            }
        }
    }

    /// <summary>
    /// How many messages were published so far: the <see cref="WebSocketReceivedMessage.Sequence"/> of the latest one
    /// (the n-th message <see cref="ReceiveAsync"/> returns carries number n).
    /// </summary>
    public long PublishedCount
    {
        get
        {
            lock (_gate)
            {
                return _published;
            }
        }
    }

    /// <summary>Copies a message into the queue and wakes a waiting consumer; false when it is full (then await <see cref="WaitForSpaceAsync"/>).</summary>
    public bool TryEnqueue(WebSocketOpcode opcode, in ReadOnlySequence<byte> payload)
    {
        if (!TryPublish(opcode, payload))
        {
            return false;
        }

        WakeConsumer(inline: false);
        return true;
    }

    /// <summary>
    /// Copies a message into the queue without waking the consumer (false when it is full): the producer calls
    /// <see cref="WakeConsumer"/> once it has published what it has, before it awaits anything.
    /// </summary>
    public bool TryPublish(WebSocketOpcode opcode, in ReadOnlySequence<byte> payload)
    {
        byte[]? buffer = null;
        lock (_gate)
        {
            if (_count == _capacity)
            {
                return false;
            }

            if (_count < _slots.Length)
            {
                // The next free slot may still hold the buffer of a message consumed while the queue stayed busy.
                ref Slot free = ref _slots[(_head + _count) % _slots.Length];
                buffer = free.Buffer;
                free.Buffer = null;
            }
        }

        // Only this producer adds, so the room seen above is still there; the copy needs no lock.
        int length = (int)payload.Length;
        if (buffer is null || buffer.Length < length)
        {
            if (buffer is not null)
            {
                _pool.Return(buffer);
            }

            buffer = _pool.Rent(Math.Max(length, MinimumBufferLength));
        }

        payload.CopyTo(buffer);

        lock (_gate)
        {
            if (_count == _slots.Length)
            {
                Resize(Math.Min(_slots.Length * 2, _capacity));
            }

            // Numbered as it becomes visible, under the lock PublishedCount reads: a reader that noted the count before
            // this message was published sees a higher number on it, one that noted it after an equal or lower one.
            _slots[(_head + _count) % _slots.Length] = new Slot { Buffer = buffer, Length = length, Opcode = opcode, Sequence = ++_published };
            _count++;
        }

        return true;
    }

    /// <summary>
    /// Wakes the consumer if it waits and a message is queued. <paramref name="inline"/>: its continuation runs on this
    /// thread before this returns (the caller is a producer that is suspended already, so the consumer's code, however
    /// long it runs, delays no one); otherwise on the thread pool.
    /// </summary>
    public void WakeConsumer(bool inline)
    {
        lock (_gate)
        {
            if (!_consumerWaiting || _count == 0)
            {
                return;
            }

            _consumerWaiting = false;
        }

        if (inline)
        {
            _itemAvailable.SetInline();
        }
        else
        {
            _itemAvailable.Set();
        }
    }

    /// <summary>Completes when a slot may be free (or the queue completed); the producer then tries again.</summary>
    public ValueTask WaitForSpaceAsync()
    {
        lock (_gate)
        {
            if (_count < _capacity || _completed || _producerWoken)
            {
                return ValueTask.CompletedTask;
            }

            _spaceAvailable.Reset();
            _producerWaiting = true;
            return _spaceAvailable.WaitAsync();
        }
    }

    /// <summary>
    /// Completes when no message is queued or held by the consumer (it has asked for the one after the last), or the
    /// queue completed; otherwise the producer awaits it and asks again.
    /// </summary>
    public ValueTask WaitUntilEmptyAsync()
    {
        lock (_gate)
        {
            if (_count == 0 || _completed || _producerWoken)
            {
                return ValueTask.CompletedTask;
            }

            _spaceAvailable.Reset();
            _producerWaiting = true;
            return _spaceAvailable.WaitAsync();
        }
    }

    /// <summary>
    /// The connection is being torn down: a producer waiting for space (or until empty) goes on, and from now on such
    /// waits complete at once, so the receive loop sees the abort instead of waiting for a consumer that is gone.
    /// </summary>
    public void WakeProducer()
    {
        bool wake;
        lock (_gate)
        {
            _producerWoken = true;
            wake = _producerWaiting;
            _producerWaiting = false;
        }

        if (wake)
        {
            _spaceAvailable.Set();
        }
    }

    /// <summary>Ends the stream after the queued messages: the consumer then gets the close or the failure.</summary>
    public void Complete(WebSocketReceivedMessage closeMessage, Exception? failure)
    {
        bool wakeConsumer, wakeProducer;
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            _closeMessage = closeMessage;
            _failure = failure is null ? null : ExceptionDispatchInfo.Capture(failure);
            wakeConsumer = _consumerWaiting;
            wakeProducer = _producerWaiting;
            _consumerWaiting = false;
            _producerWaiting = false;
        }

        if (wakeConsumer)
        {
            _itemAvailable.Set();
        }

        if (wakeProducer)
        {
            _spaceAvailable.Set();
        }
    }

    /// <summary>Releases the message handed out last and returns the next one, waiting for it if need be.</summary>
    public ValueTask<WebSocketReceivedMessage> ReceiveAsync(CancellationToken cancellationToken)
    {
        bool wakeProducer = false;
        ValueTask<WebSocketReceivedMessage> result;
        lock (_gate)
        {
            if (_receiving)
            {
                throw new InvalidOperationException("ReceiveAsync is already in progress; call it from one consumer at a time.");
            }

            if (_consumerHoldsHead)
            {
                ReleaseHead();
                wakeProducer = _producerWaiting;
                _producerWaiting = false;
            }

            if (_count > 0 || _completed)
            {
                result = TakeHead();
            }
            else
            {
                _itemAvailable.Reset();
                _consumerWaiting = true;
                _receiving = true;
                result = ReceiveSlowAsync(cancellationToken);
            }
        }

        if (wakeProducer)
        {
            _spaceAvailable.Set();
        }

        return result;
    }

    /// <summary>
    /// The producer is about to wait for data that has not arrived (<paramref name="idle"/> true, since
    /// <paramref name="now"/>) or has data again (false). Nothing is given back here: see <see cref="TrimIfIdleSince"/>.
    /// </summary>
    public void SetProducerIdle(bool idle, long now)
    {
        lock (_gate)
        {
            _producerIdle = idle;
            _idleSince = now;
        }
    }

    /// <summary>
    /// Gives every buffer back to the pool, and the ring its small size, if the producer has been waiting for data since
    /// <paramref name="cutoff"/> or earlier and no message is queued or held. True when the queue holds no buffer
    /// (trimmed now or before, or released); false while it keeps some (busy, or idle only since after the cutoff).
    /// </summary>
    public bool TrimIfIdleSince(long cutoff)
    {
        lock (_gate)
        {
            if (_count > 0 || (!_completed && (!_producerIdle || _idleSince > cutoff)))
            {
                return false;
            }

            Trim();
            return true;
        }
    }

    /// <summary>
    /// The consumer is done with message number <paramref name="sequence"/> (say, it parsed it into objects of its own):
    /// if it is still the one held, its slot is freed now rather than at the next receive, which may be long in coming on
    /// an idle connection. If a receive has happened since, nothing changes: the message held now is a later one, whose
    /// reader may still be decoding it (on a shared connection the read turn passes from reader to reader, and the next
    /// reader can receive before the previous one gets here; freeing its slot would let the producer overwrite it).
    /// </summary>
    public void ReleaseHeld(long sequence)
    {
        bool wakeProducer;
        lock (_gate)
        {
            if (!_consumerHoldsHead || _receiving || _slots[_head].Sequence != sequence)
            {
                return;
            }

            ReleaseHead();
            wakeProducer = _producerWaiting;
            _producerWaiting = false;
        }

        if (wakeProducer)
        {
            _spaceAvailable.Set();
        }
    }

    /// <summary>Returns every message buffer to the pool; call once neither side will touch the queue again.</summary>
    public void ReleaseBuffers()
    {
        lock (_gate)
        {
            for (int i = 0; i < _slots.Length; i++)
            {
                if (_slots[i].Buffer is { } buffer)
                {
                    _slots[i].Buffer = null;
                    _pool.Return(buffer);
                }
            }

            _count = 0;
            _consumerHoldsHead = false;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<WebSocketReceivedMessage> ReceiveSlowAsync(CancellationToken cancellationToken)
    {
        CancellationTokenRegistration registration = default;
        if (cancellationToken.CanBeCanceled)
        {
            registration = cancellationToken.UnsafeRegister(static state => ((WebSocketReceiveQueue)state!).CancelWait(), this);
        }

        try
        {
            await _itemAvailable.WaitAsync().ConfigureAwait(false);
        }
        finally
        {
            await registration.DisposeAsync().ConfigureAwait(false);
            lock (_gate)
            {
                _receiving = false;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return TakeHead().Result;
        }
    }

    private void CancelWait()
    {
        bool wake;
        lock (_gate)
        {
            wake = _consumerWaiting;
            _consumerWaiting = false;
        }

        if (wake)
        {
            _itemAvailable.Set();
        }
    }

    /// <summary>Under the lock: hands out the head message, or the terminal result when nothing is queued.</summary>
    private ValueTask<WebSocketReceivedMessage> TakeHead()
    {
        Debug.Assert(Monitor.IsEntered(_gate), "TakeHead runs under the lock.");
        if (_count > 0)
        {
            _consumerHoldsHead = true;
            ref Slot slot = ref _slots[_head];
            return new(new WebSocketReceivedMessage(slot.Opcode, slot.Buffer.AsMemory(0, slot.Length), slot.Sequence));
        }

        if (_failure is not null)
        {
            return ValueTask.FromException<WebSocketReceivedMessage>(_failure.SourceException);
        }

        return _completed ? new(_closeMessage) : throw new InvalidOperationException("Nothing to take.");
    }

    /// <summary>
    /// Under the lock: the consumer is done with the head message. Its buffer stays in the slot for a later message
    /// (unless it is large), until the connection has been idle for a while (<see cref="TrimIfIdleSince"/>).
    /// </summary>
    private void ReleaseHead()
    {
        ref Slot slot = ref _slots[_head];
        if (slot.Buffer is { Length: > MaxRecycledBufferLength } large)
        {
            slot.Buffer = null;
            _pool.Return(large);
        }

        _consumerHoldsHead = false;
        _head = (_head + 1) % _slots.Length;
        _count--;
    }

    /// <summary>Under the lock, with the queue empty: every buffer goes back to the pool, the ring back to its small size.</summary>
    private void Trim()
    {
        Debug.Assert(Monitor.IsEntered(_gate) && _count == 0, "Trim runs under the lock on an empty queue.");
        for (int i = 0; i < _slots.Length; i++)
        {
            if (_slots[i].Buffer is { } buffer)
            {
                _slots[i].Buffer = null;
                _pool.Return(buffer);
            }
        }

        if (_slots.Length > InitialSlotCount)
        {
            Resize(InitialSlotCount);
        }
    }

    /// <summary>Under the lock: moves the waiting messages, oldest first, into a ring of <paramref name="length"/> slots.</summary>
    private void Resize(int length)
    {
        Debug.Assert(Monitor.IsEntered(_gate) && length >= _count, "Resize runs under the lock and keeps every message.");
        var slots = new Slot[length];
        for (int i = 0; i < _count; i++)
        {
            slots[i] = _slots[(_head + i) % _slots.Length];
        }

        _slots = slots;
        _head = 0;
    }

    private struct Slot
    {
        public byte[]? Buffer;
        public int Length;
        public WebSocketOpcode Opcode;
        public long Sequence;
    }
}
