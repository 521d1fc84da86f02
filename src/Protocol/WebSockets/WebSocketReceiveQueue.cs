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
/// <see cref="ReceiveAsync"/> at a time). Messages are copied into a fixed ring of pooled buffers, so the loop can
/// advance the pipe and keep answering pings while the consumer is busy; when the ring is full the loop waits
/// (backpressure: it stops reading, nothing is dropped). A delivered message stays in its slot until the consumer
/// asks for the next one. Waiting is done with reusable <see cref="IValueTaskSource"/>s: no allocation per message.
/// </summary>
internal sealed class WebSocketReceiveQueue
{
    /// <summary>Slot buffers larger than this go back to the pool once their message is consumed.</summary>
    private const int MaxRetainedSlotLength = 1024 * 1024;

    private readonly object _gate = new();
    private readonly Slot[] _slots;
    private readonly AsyncSignal _itemAvailable = new();
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
    private bool _producerWaiting;
    private bool _receiving;

    /// <summary>No more messages will be published; what is queued is still delivered, then the terminal result.</summary>
    private bool _completed;

    private WebSocketReceivedMessage _closeMessage;
    private ExceptionDispatchInfo? _failure;

    public WebSocketReceiveQueue(int capacity)
    {
        _slots = new Slot[capacity];
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

    /// <summary>Copies a message into the next free slot; false when the ring is full (then await <see cref="WaitForSpaceAsync"/>).</summary>
    public bool TryEnqueue(WebSocketOpcode opcode, in ReadOnlySequence<byte> payload)
    {
        int index;
        lock (_gate)
        {
            if (_count == _slots.Length)
            {
                return false;
            }

            index = (_head + _count) % _slots.Length;
        }

        // The slot is invisible to the consumer until _count grows, so the copy needs no lock.
        ref Slot slot = ref _slots[index];
        int length = (int)payload.Length;
        if (slot.Buffer is null || slot.Buffer.Length < length)
        {
            if (slot.Buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(slot.Buffer);
            }

            slot.Buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 256));
        }

        payload.CopyTo(slot.Buffer);
        slot.Length = length;
        slot.Opcode = opcode;

        bool wake;
        lock (_gate)
        {
            // Numbered as it becomes visible, under the lock PublishedCount reads: a reader that noted the count before
            // this message was published sees a higher number on it, one that noted it after an equal or lower one.
            slot.Sequence = ++_published;
            _count++;
            wake = _consumerWaiting;
            _consumerWaiting = false;
        }

        if (wake)
        {
            _itemAvailable.Set();
        }

        return true;
    }

    /// <summary>Completes when a slot may be free (or the queue completed); the producer then tries again.</summary>
    public ValueTask WaitForSpaceAsync()
    {
        lock (_gate)
        {
            if (_count < _slots.Length || _completed)
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
            if (_count == 0 || _completed)
            {
                return ValueTask.CompletedTask;
            }

            _spaceAvailable.Reset();
            _producerWaiting = true;
            return _spaceAvailable.WaitAsync();
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

    /// <summary>Returns every slot buffer to the pool; call once neither side will touch the queue again.</summary>
    public void ReleaseBuffers()
    {
        lock (_gate)
        {
            for (int i = 0; i < _slots.Length; i++)
            {
                if (_slots[i].Buffer is { } buffer)
                {
                    _slots[i].Buffer = null;
                    ArrayPool<byte>.Shared.Return(buffer);
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

    private void ReleaseHead()
    {
        ref Slot slot = ref _slots[_head];
        if (slot.Buffer is { Length: > MaxRetainedSlotLength })
        {
            ArrayPool<byte>.Shared.Return(slot.Buffer);
            slot.Buffer = null;
        }

        _consumerHoldsHead = false;
        _head = (_head + 1) % _slots.Length;
        _count--;
    }

    private struct Slot
    {
        public byte[]? Buffer;
        public int Length;
        public WebSocketOpcode Opcode;
        public long Sequence;
    }
}
