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
/// <see cref="ReceiveAsync"/> at a time). Messages are copied into a pooled buffer, so the loop can advance the pipe
/// and keep answering pings while the consumer is busy; when the queue is full the loop waits (backpressure: it stops
/// reading, nothing is dropped). A delivered message stays in the buffer until the consumer asks for the next one (or
/// calls <see cref="ReleaseHeld"/> with its number). Waiting is done with reusable <see cref="IValueTaskSource"/>s: no allocation per message.
/// </summary>
/// <remarks>
/// <para>
/// Sized by use, so an idle connection holds little. The ring of slots (each message's place and length, 12 B) starts
/// at <see cref="InitialSlotCount"/> slots and doubles up to the capacity when messages pile up. The bytes of every
/// queued message share one buffer, the arena, used as a byte ring: messages are appended at its tail and freed from
/// its head in the order they arrived, so a connection that keeps receiving reuses the same bytes and allocates nothing.
/// The arena is rented with the first message (at the size the connection used last, <see cref="InitialArenaLength"/>
/// at first) and doubled, its waiting messages moved, when a backlog or a large message does not fit.
/// </para>
/// <para>
/// One buffer, not one per slot: after an idle period the connection rents it again, and at a thousand connections
/// the shared pool holds only a few dozen arrays of a size, so every rent beyond those allocates. A buffer per slot,
/// regrown by each larger message that landed in it, cost ~16 rents (~16 KB) per connection and busy period at 100
/// sessions, ~36 at 1,000, all of it living for the turn (so promoted to gen1, then gen2); the arena costs one.
/// </para>
/// <para>
/// The arena goes back to the pool whenever the queue is drained while the producer waits for data (when the
/// connection releases buffers at all: see the constructor's <c>releaseWhenDrained</c>). The ring goes back to its small
/// size only once the connection has been idle for a while (the producer has waited for data since before a cutoff:
/// <see cref="SetProducerIdle"/>, <see cref="TrimIfIdleSince"/>): shrunk at every wait it would be allocated again by
/// the next backlog.
/// </para>
/// </remarks>
internal sealed class WebSocketReceiveQueue
{
    /// <summary>Slots of a queue that is keeping up: a message or two wait at a time.</summary>
    internal const int InitialSlotCount = 4;

    /// <summary>
    /// The arena a connection rents first: a response's opening and closing events (1-2 KB each) and ~30 deltas fit, so
    /// a stream, even one its consumer lags behind by a few hundred milliseconds, does not grow it. The size of the
    /// pipe's read segments: the shared pool's few dozen idle arrays of that size serve both (with 4 KB arenas the pool
    /// kept a few dozen of those too, ~1.5 KB more idle heap per session at 100 sessions, and at 1,000 most arenas grew
    /// to 8 KB under backlog anyway).
    /// </summary>
    internal const int InitialArenaLength = 8 * 1024;

    /// <summary>An arena grown past this (by a large message) goes back to the pool as soon as the queue is empty.</summary>
    internal const int MaxRetainedArenaLength = 64 * 1024;

    private readonly object _gate = new();
    private readonly ArrayPool<byte> _pool;
    private readonly int _capacity;

    /// <summary>The arena goes back as soon as the queue is drained while the producer waits for data (see the constructor).</summary>
    private readonly bool _releaseWhenDrained;

    /// <summary>The ring; replaced (under the lock) when it grows or shrinks.</summary>
    private Slot[] _slots;

    /// <summary>The queued messages' bytes (see the remarks); null while the queue holds none (trimmed).</summary>
    private byte[]? _arena;

    /// <summary>
    /// The arena before it last grew, while the consumer still reads the message it holds from it: returned when that
    /// message is released.
    /// </summary>
    private byte[]? _retiredArena;

    /// <summary>The length of the arena to rent next: the last one's, up to <see cref="MaxRetainedArenaLength"/>.</summary>
    private int _arenaLength = InitialArenaLength;

    /// <summary>Where the next message's bytes go when they fit there: the end of the newest message's (0 when empty).</summary>
    private int _tail;

    /// <summary>
    /// The newest messages start over at the front of the arena, before the head's: the bytes in use run from the
    /// head's to <see cref="_wrapEnd"/>, then from the front up to <see cref="_tail"/>.
    /// </summary>
    private bool _wrapped;

    /// <summary>While <see cref="_wrapped"/>, the end of the bytes in use from the head on.</summary>
    private int _wrapEnd;
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
    /// <param name="releaseWhenDrained">
    /// Give the arena back each time the consumer has taken everything and the producer waits for data, not only after
    /// an idle period. A consumer that keeps up runs on the producer's thread (woken inline when the producer waits,
    /// <see cref="DataWaitHandOff"/>), so the array goes to that thread's cache in the shared pool, and the next
    /// connection with data on that thread (an event loop's next socket) rents the same one: a thousand connections
    /// streaming at once hold a few arenas, not a thousand, and one back from idle rents from the cache instead of
    /// allocating. (When this was tried with a buffer per message and the consumer woken on the thread pool, every wait
    /// emptied the shared pool: see docs/benchmarks.md.)
    /// </param>
    public WebSocketReceiveQueue(int capacity, ArrayPool<byte>? pool = null, bool releaseWhenDrained = false)
    {
        _capacity = capacity;
        _pool = pool ?? ArrayPool<byte>.Shared;
        _releaseWhenDrained = releaseWhenDrained;
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
        int length = (int)payload.Length;
        lock (_gate)
        {
            if (_count == _capacity)
            {
                return false;
            }

            // Copied under the lock (a message is small next to what the lock guards against): the arena may be moved by
            // the reservation, and the consumer frees bytes in it.
            int offset = Reserve(length, out bool wraps);
            payload.CopyTo(_arena.AsSpan(offset, length));
            if (_count == _slots.Length)
            {
                Resize(Math.Min(_slots.Length * 2, _capacity));
            }

            if (wraps)
            {
                _wrapped = true;
                _wrapEnd = _tail;
            }

            _tail = offset + length;

            // Numbered as it becomes visible, under the lock PublishedCount reads: a reader that noted the count before
            // this message was published sees a higher number on it, one that noted it after an equal or lower one.
            _slots[(_head + _count) % _slots.Length] = new Slot { Offset = offset, Length = length, Opcode = opcode, WrapsAround = wraps };
            _published++;
            _count++;
        }

        return true;
    }

    /// <summary>
    /// Wakes the consumer if it waits and a message is queued. <paramref name="inline"/>: its continuation runs on this
    /// thread before this returns (the caller is a producer that is suspended already, so the consumer's code delays no
    /// other work of this connection; on an event loop thread it delays the loop's other sockets, see
    /// <see cref="DataWaitHandOff"/>); otherwise on the thread pool.
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
            if (idle && _releaseWhenDrained && _count == 0)
            {
                ReturnArenas();
            }
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
            if (!_consumerHoldsHead || _receiving || HeadSequence != sequence)
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
            _count = 0;
            _consumerHoldsHead = false;
            ReturnArenas();
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
            return new(new WebSocketReceivedMessage(slot.Opcode, _arena.AsMemory(slot.Offset, slot.Length), HeadSequence));
        }

        if (_failure is not null)
        {
            return ValueTask.FromException<WebSocketReceivedMessage>(_failure.SourceException);
        }

        return _completed ? new(_closeMessage) : throw new InvalidOperationException("Nothing to take.");
    }

    /// <summary>
    /// Under the lock: the consumer is done with the head message. Its bytes are free for later messages; the arena
    /// itself stays until the connection has been idle for a while (<see cref="TrimIfIdleSince"/>), unless a large
    /// message grew it.
    /// </summary>
    private void ReleaseHead()
    {
        _consumerHoldsHead = false;
        _head = (_head + 1) % _slots.Length;
        _count--;
        if (_retiredArena is { } retired)
        {
            // The consumer read the message it held from the arena before it grew: nobody reads that one now.
            _retiredArena = null;
            _pool.Return(retired);
        }

        if (_count == 0)
        {
            _tail = 0;
            _wrapped = false;
            if (_releaseWhenDrained && _producerIdle)
            {
                ReturnArenas();
            }
            else if (_arena is { Length: > MaxRetainedArenaLength } large)
            {
                _arena = null;
                _pool.Return(large);
            }
        }
        else if (_slots[_head].WrapsAround)
        {
            // The messages from the old head to the arena's end are all freed: the ones in use run from the front now.
            _wrapped = false;
        }
    }

    /// <summary>
    /// Under the lock: where a message of <paramref name="length"/> bytes goes in the arena (<paramref name="wraps"/>: at
    /// its front, the bytes in use from the head on being at its end), renting or growing the arena as needed.
    /// </summary>
    private int Reserve(int length, out bool wraps)
    {
        Debug.Assert(Monitor.IsEntered(_gate), "Reserve runs under the lock.");
        wraps = false;
        if (_count == 0)
        {
            // Nothing in use (a held message counts): the front is free, and a larger arena needs no move.
            if (_arena is not null && length > _arena.Length)
            {
                _pool.Return(_arena);
                _arena = null;
                _arenaLength = Math.Min(GrownLength(_arenaLength, length), MaxRetainedArenaLength);
            }

            _arena ??= _pool.Rent(Math.Max(length, _arenaLength));
            return 0;
        }

        int headOffset = _slots[_head].Offset;
        if (!_wrapped)
        {
            if (length <= _arena!.Length - _tail)
            {
                return _tail;
            }

            if (length <= headOffset)
            {
                wraps = true;
                return 0;
            }
        }
        else if (length <= headOffset - _tail)
        {
            return _tail;
        }

        return Grow(length);
    }

    /// <summary>
    /// Under the lock, with messages in use: moves them, oldest first, to the front of an arena with room for
    /// <paramref name="length"/> more bytes after them, and returns where those go. The old arena goes back to the pool,
    /// unless the consumer still reads the message it holds from it (then when it releases that message).
    /// </summary>
    private int Grow(int length)
    {
        byte[] old = _arena!;
        int headOffset = _slots[_head].Offset;
        int used = _wrapped ? _wrapEnd - headOffset + _tail : _tail - headOffset;
        byte[] grown = _pool.Rent(GrownLength(old.Length, used + length));
        int end = 0;
        for (int i = 0; i < _count; i++)
        {
            ref Slot slot = ref _slots[(_head + i) % _slots.Length];
            old.AsSpan(slot.Offset, slot.Length).CopyTo(grown.AsSpan(end));
            slot.Offset = end;
            slot.WrapsAround = false;
            end += slot.Length;
        }

        if (_consumerHoldsHead && _retiredArena is null)
        {
            _retiredArena = old;
        }
        else
        {
            // Nothing held, or the held message is in the arena an earlier growth retired: nobody reads this one.
            _pool.Return(old);
        }

        _arena = grown;
        _arenaLength = Math.Min(grown.Length, MaxRetainedArenaLength);
        _tail = end;
        _wrapped = false;
        return end;
    }

    /// <summary>At least twice <paramref name="current"/>, and room for <paramref name="needed"/> bytes.</summary>
    private static int GrownLength(int current, int needed) =>
        (int)Math.Min(Math.Max(2L * current, needed), Array.MaxLength);

    /// <summary>Under the lock, with nothing queued or held: the arenas go back to the pool.</summary>
    private void ReturnArenas()
    {
        _tail = 0;
        _wrapped = false;
        if (_arena is { } arena)
        {
            _arena = null;
            _pool.Return(arena);
        }

        if (_retiredArena is { } retired)
        {
            _retiredArena = null;
            _pool.Return(retired);
        }
    }

    /// <summary>Under the lock, with the queue empty: the arena goes back to the pool, the ring back to its small size.</summary>
    private void Trim()
    {
        Debug.Assert(Monitor.IsEntered(_gate) && _count == 0, "Trim runs under the lock on an empty queue.");
        ReturnArenas();

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

    /// <summary>
    /// Under the lock, with a message queued: the head message's number. The queued messages are the latest ones
    /// published, in order, so their numbers need no room in the slots (which halves the ring a backlog grows).
    /// </summary>
    private long HeadSequence => _published - _count + 1;

    private struct Slot
    {
        /// <summary>Where the message's bytes start in the arena.</summary>
        public int Offset;
        public int Length;
        public WebSocketOpcode Opcode;

        /// <summary>The message was put at the arena's front, those before it running to the end (see <see cref="_wrapped"/>).</summary>
        public bool WrapsAround;
    }
}
