using System;
using System.Buffers;
using System.Threading.Tasks;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Tests.WebSockets;

/// <summary>
/// The receive queue is sized by use: it grows while messages pile up, keeps its buffer while data flows (a producer
/// that waits briefly between messages included), and gives it back, shrinking, once idle since a cutoff. Every queued
/// message shares one rented buffer (the arena). Time is a number the test passes in: no clock.
/// </summary>
public class WebSocketReceiveQueueTests
{
    [Fact]
    public async Task Ring_GrowsToTheBacklog_UpToCapacity_AndShrinksBackWhenDrained()
    {
        var pool = new CountingArrayPool();
        var queue = new WebSocketReceiveQueue(capacity: 20, pool);
        Assert.Equal(WebSocketReceiveQueue.InitialSlotCount, queue.SlotCount);

        for (int i = 0; i < 20; i++)
        {
            Assert.True(queue.TryEnqueue(WebSocketOpcode.Text, new ReadOnlySequence<byte>(BitConverter.GetBytes(i))));
        }

        Assert.False(queue.TryEnqueue(WebSocketOpcode.Text, new ReadOnlySequence<byte>([1])));
        Assert.Equal(20, queue.SlotCount);

        // Twenty messages, one buffer.
        Assert.Equal(1, pool.Outstanding);
        Assert.Equal(1, pool.Rents);

        for (int i = 0; i < 20; i++)
        {
            WebSocketReceivedMessage message = await queue.ReceiveAsync(default);
            Assert.Equal(i, BitConverter.ToInt32(message.Payload.Span));
            Assert.Equal(i + 1, message.Sequence);
        }

        // While the producer is busy the buffer stays for the next messages, even once the queue is empty.
        Assert.Equal(1, pool.Outstanding);
        queue.ReleaseHeld(20);
        Assert.Equal(1, pool.Outstanding);
        Assert.Equal(20, queue.SlotCount);

        // The producer starts waiting at 100: a wait as short as between two deltas keeps the buffer for the next ones.
        queue.SetProducerIdle(true, now: 100);
        Assert.False(queue.TrimIfIdleSince(cutoff: 99));
        Assert.Equal(1, pool.Outstanding);
        Assert.Equal(20, queue.SlotCount);

        // Idle since the cutoff, with the queue empty: everything goes back.
        Assert.True(queue.TrimIfIdleSince(cutoff: 100));
        Assert.Equal(0, pool.Outstanding);
        Assert.Equal(WebSocketReceiveQueue.InitialSlotCount, queue.SlotCount);

        // And it works on from the small ring, in order.
        queue.SetProducerIdle(false, now: 0);
        Assert.True(queue.TryEnqueue(WebSocketOpcode.Binary, new ReadOnlySequence<byte>([42])));
        WebSocketReceivedMessage next = await queue.ReceiveAsync(default);
        Assert.Equal(WebSocketOpcode.Binary, next.Opcode);
        Assert.Equal([42], next.Payload.ToArray());
        Assert.Equal(21, next.Sequence);
    }

    [Fact]
    public async Task BusyQueue_ReusesItsBuffer_AndGrowsIt_KeepingTheHeldMessageReadable()
    {
        var pool = new CountingArrayPool();
        var queue = new WebSocketReceiveQueue(capacity: 8, pool);
        for (byte i = 1; i <= 4; i++)
        {
            Assert.True(queue.TryEnqueue(WebSocketOpcode.Text, new ReadOnlySequence<byte>(Filled(i, 100))));
        }

        for (byte i = 1; i <= 2; i++)
        {
            Assert.Equal(Filled(i, 100), (await queue.ReceiveAsync(default)).Payload.ToArray());
        }

        WebSocketReceivedMessage held = await queue.ReceiveAsync(default);

        // The bytes of the consumed messages take the next ones: no rent.
        Assert.True(queue.TryEnqueue(WebSocketOpcode.Text, new ReadOnlySequence<byte>(Filled(5, 200))));
        Assert.True(queue.TryEnqueue(WebSocketOpcode.Text, new ReadOnlySequence<byte>(Filled(6, 200))));
        Assert.Equal(1, pool.Rents);

        // One too large for the room left: the buffer grows (the waiting messages move), while the held message is
        // still read from the old one, which goes back once the consumer lets go of it.
        byte[] large = Filled(7, WebSocketReceiveQueue.InitialArenaLength);
        Assert.True(queue.TryEnqueue(WebSocketOpcode.Text, new ReadOnlySequence<byte>(large)));
        Assert.Equal(2, pool.Rents);
        Assert.Equal(2, pool.Outstanding);
        Assert.Equal(Filled(3, 100), held.Payload.ToArray());

        Assert.Equal(Filled(4, 100), (await queue.ReceiveAsync(default)).Payload.ToArray());
        Assert.Equal(1, pool.Outstanding);
        Assert.Equal(Filled(5, 200), (await queue.ReceiveAsync(default)).Payload.ToArray());
        Assert.Equal(Filled(6, 200), (await queue.ReceiveAsync(default)).Payload.ToArray());
        Assert.Equal(large, (await queue.ReceiveAsync(default)).Payload.ToArray());

        // Idle long enough, but the consumer still holds the last message: nothing goes back until it lets go.
        queue.SetProducerIdle(true, now: 0);
        Assert.False(queue.TrimIfIdleSince(cutoff: long.MaxValue));
        Assert.Equal(1, pool.Outstanding);
        queue.ReleaseHeld(7);
        Assert.Equal(1, pool.Outstanding);
        Assert.True(queue.TrimIfIdleSince(cutoff: long.MaxValue));
        Assert.Equal(0, pool.Outstanding);
        Assert.Equal(WebSocketReceiveQueue.InitialSlotCount, queue.SlotCount);
    }

    [Fact]
    public async Task SteadyStream_WrapsAroundItsBuffer_WithoutRenting()
    {
        // A consumer that keeps up (at most three messages of up to 500 bytes waiting or held): the buffer's bytes are
        // reused around its end, message after message, with no second rent.
        var pool = new CountingArrayPool();
        var queue = new WebSocketReceiveQueue(capacity: 64, pool);
        var random = new Random(15);
        var waiting = new System.Collections.Generic.Queue<byte[]>();
        for (int i = 0; i < 2000; i++)
        {
            byte[] message = Filled((byte)i, random.Next(0, 501));
            Assert.True(queue.TryEnqueue(WebSocketOpcode.Text, new ReadOnlySequence<byte>(message)));
            waiting.Enqueue(message);
            if (waiting.Count == 3)
            {
                Assert.Equal(waiting.Dequeue(), (await queue.ReceiveAsync(default)).Payload.ToArray());
            }
        }

        Assert.Equal(1, pool.Rents);
        Assert.Equal(4, queue.SlotCount);
    }

    [Fact]
    public async Task Backlog_OfMixedSizes_KeepsOrderAndBytes_AsTheBufferWrapsAndGrows()
    {
        // Random sizes (large ones included) and a consumer that falls behind and catches up: the buffer wraps, grows
        // while wrapped, and grows again while the consumer holds a message from an older one. Every message arrives
        // whole and in order, the held one stays readable until the next receive, and everything goes back at the end.
        var pool = new CountingArrayPool();
        var queue = new WebSocketReceiveQueue(capacity: 32, pool);
        var random = new Random(1015);
        var waiting = new System.Collections.Generic.Queue<byte[]>();
        WebSocketReceivedMessage held = default;
        byte[]? heldExpected = null;
        int sent = 0;
        for (int round = 0; round < 400; round++)
        {
            for (int i = random.Next(0, 8); i > 0 && waiting.Count < 31; i--)
            {
                int length = random.Next(10) == 0 ? random.Next(3000, 20000) : random.Next(0, 700);
                byte[] message = Filled((byte)(sent++ % 251), length);
                Assert.True(queue.TryEnqueue(WebSocketOpcode.Text, new ReadOnlySequence<byte>(message)));
                waiting.Enqueue(message);
                if (heldExpected is not null)
                {
                    Assert.Equal(heldExpected, held.Payload.ToArray());
                }
            }

            for (int i = random.Next(0, 8); i > 0 && waiting.Count > 0; i--)
            {
                held = await queue.ReceiveAsync(default);
                heldExpected = waiting.Dequeue();
                Assert.Equal(heldExpected, held.Payload.ToArray());
            }
        }

        while (waiting.Count > 0)
        {
            Assert.Equal(waiting.Dequeue(), (await queue.ReceiveAsync(default)).Payload.ToArray());
        }

        Assert.True(pool.Rents > 1, "The large messages grew the buffer.");
        queue.ReleaseHeld(sent);
        queue.SetProducerIdle(true, now: 0);
        Assert.True(queue.TrimIfIdleSince(cutoff: 0));
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public async Task ReleaseWhenDrained_GivesTheArenaBackOnceTheConsumerIsDoneAndTheProducerWaits()
    {
        // The event loop's queue: the arena goes back as soon as nothing is queued or held while the producer waits
        // for data, whichever of the two comes last; not while the producer is still reading, nor with a message held.
        var pool = new CountingArrayPool();
        var queue = new WebSocketReceiveQueue(capacity: 8, pool, releaseWhenDrained: true);
        Assert.True(queue.TryEnqueue(WebSocketOpcode.Text, new ReadOnlySequence<byte>(Filled(1, 100))));
        Assert.True(queue.TryEnqueue(WebSocketOpcode.Text, new ReadOnlySequence<byte>(Filled(2, 100))));
        queue.SetProducerIdle(true, now: 0);
        Assert.Equal(Filled(1, 100), (await queue.ReceiveAsync(default)).Payload.ToArray());
        WebSocketReceivedMessage held = await queue.ReceiveAsync(default);
        Assert.Equal(1, pool.Outstanding);
        Assert.Equal(Filled(2, 100), held.Payload.ToArray());

        // Consumer done, producer waiting: back now.
        queue.ReleaseHeld(2);
        Assert.Equal(0, pool.Outstanding);

        // The producer reads again: the next message rents; drained while it is still reading, the arena stays, and it
        // goes back when the producer waits.
        queue.SetProducerIdle(false, now: 0);
        Assert.True(queue.TryEnqueue(WebSocketOpcode.Text, new ReadOnlySequence<byte>(Filled(3, 300))));
        Assert.Equal(Filled(3, 300), (await queue.ReceiveAsync(default)).Payload.ToArray());
        queue.ReleaseHeld(3);
        Assert.Equal(1, pool.Outstanding);
        queue.SetProducerIdle(true, now: 0);
        Assert.Equal(0, pool.Outstanding);
        Assert.Equal(2, pool.Rents);

        // Every message arrives whole and in order across the releases.
        queue.SetProducerIdle(false, now: 0);
        for (byte i = 4; i < 40; i++)
        {
            Assert.True(queue.TryEnqueue(WebSocketOpcode.Text, new ReadOnlySequence<byte>(Filled(i, i * 10))));
            queue.SetProducerIdle(i % 3 == 0, now: 0);
            Assert.Equal(Filled(i, i * 10), (await queue.ReceiveAsync(default)).Payload.ToArray());
            queue.ReleaseHeld(i);
            queue.SetProducerIdle(false, now: 0);
        }
    }

    [Fact]
    public async Task WithoutReleaseWhenDrained_ADrainedQueueKeepsItsArenaUntilIdleLongEnough()
    {
        var pool = new CountingArrayPool();
        var queue = new WebSocketReceiveQueue(capacity: 8, pool);
        Assert.True(queue.TryEnqueue(WebSocketOpcode.Text, new ReadOnlySequence<byte>(Filled(1, 100))));
        queue.SetProducerIdle(true, now: 0);
        await queue.ReceiveAsync(default);
        queue.ReleaseHeld(1);
        Assert.Equal(1, pool.Outstanding);
        Assert.True(queue.TrimIfIdleSince(cutoff: 0));
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public async Task ProducerWithDataAgain_IsNotTrimmed_HoweverLongItWaitedBefore()
    {
        var pool = new CountingArrayPool();
        var queue = new WebSocketReceiveQueue(capacity: 8, pool);
        Assert.True(queue.TryEnqueue(WebSocketOpcode.Text, new ReadOnlySequence<byte>(new byte[100])));
        await queue.ReceiveAsync(default);
        queue.ReleaseHeld(1);

        queue.SetProducerIdle(true, now: 0);
        queue.SetProducerIdle(false, now: 0);

        Assert.False(queue.TrimIfIdleSince(cutoff: long.MaxValue));
        Assert.Equal(1, pool.Outstanding);
    }

    [Fact]
    public async Task CompletedQueue_IsTrimmed_OnceDrained_WhateverTheProducerState()
    {
        var pool = new CountingArrayPool();
        var queue = new WebSocketReceiveQueue(capacity: 8, pool);
        Assert.True(queue.TryEnqueue(WebSocketOpcode.Text, new ReadOnlySequence<byte>(new byte[100])));
        queue.Complete(new WebSocketReceivedMessage(WebSocketCloseCode.NormalClosure, "bye"), failure: null);
        Assert.False(queue.TrimIfIdleSince(cutoff: long.MinValue));

        await queue.ReceiveAsync(default);
        Assert.True((await queue.ReceiveAsync(default)).IsClose);

        Assert.True(queue.TrimIfIdleSince(cutoff: long.MinValue));
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public async Task Backlog_KeepsOrder_WhenTheRingGrowsAroundItsEnd()
    {
        var queue = new WebSocketReceiveQueue(capacity: 64, new CountingArrayPool());
        int sent = 0, received = 0;

        // Move the head off zero, then grow while the waiting messages wrap around the ring's end.
        for (int round = 0; round < 5; round++)
        {
            for (int i = 0; i < 3 + (round * 5); i++)
            {
                Assert.True(queue.TryEnqueue(WebSocketOpcode.Text, new ReadOnlySequence<byte>(BitConverter.GetBytes(sent++))));
            }

            for (int i = 0; i < 2 + (round * 4); i++)
            {
                Assert.Equal(received++, BitConverter.ToInt32((await queue.ReceiveAsync(default)).Payload.Span));
            }
        }

        while (received < sent)
        {
            Assert.Equal(received++, BitConverter.ToInt32((await queue.ReceiveAsync(default)).Payload.Span));
        }
    }

    [Fact]
    public void ReleaseHeld_WithNothingHeld_DoesNothing()
    {
        var pool = new CountingArrayPool();
        var queue = new WebSocketReceiveQueue(capacity: 4, pool);
        Assert.True(queue.TryEnqueue(WebSocketOpcode.Text, new ReadOnlySequence<byte>([1])));

        // Queued but not yet handed out: it stays for the consumer.
        queue.ReleaseHeld(1);

        Assert.Equal(1, pool.Outstanding);
        Assert.Equal(1, queue.PublishedCount);
    }

    [Fact]
    public async Task ReleaseHeld_OfAMessageNoLongerHeld_LeavesTheLaterOneAlone()
    {
        // Readers of a shared connection take turns: reader A's message routed, the turn passes to reader B, which can
        // receive the next message before A says it is done with its own. A's late release must not free B's slot, or
        // the producer writes the next messages into the buffer B is still decoding.
        var queue = new WebSocketReceiveQueue(capacity: 8, new CountingArrayPool());
        for (byte i = 1; i <= 3; i++)
        {
            Assert.True(queue.TryEnqueue(WebSocketOpcode.Text, new ReadOnlySequence<byte>(Filled(i))));
        }

        WebSocketReceivedMessage first = await queue.ReceiveAsync(default);
        WebSocketReceivedMessage second = await queue.ReceiveAsync(default);
        queue.ReleaseHeld(first.Sequence);

        // Enough messages to wrap the ring over every free slot.
        for (byte i = 4; i <= 8; i++)
        {
            Assert.True(queue.TryEnqueue(WebSocketOpcode.Text, new ReadOnlySequence<byte>(Filled(i))));
        }

        Assert.Equal(Filled(2), second.Payload.ToArray());
        for (byte i = 3; i <= 8; i++)
        {
            WebSocketReceivedMessage next = await queue.ReceiveAsync(default);
            Assert.Equal(Filled(i), next.Payload.ToArray());
            Assert.Equal(i, next.Sequence);
        }

        // An older number leaves the held message be; its own number releases it.
        queue.SetProducerIdle(true, now: 0);
        queue.ReleaseHeld(7);
        Assert.False(queue.TrimIfIdleSince(cutoff: long.MaxValue));
        queue.ReleaseHeld(8);
        Assert.True(queue.TrimIfIdleSince(cutoff: long.MaxValue));
    }

    private static byte[] Filled(byte value, int length = 100)
    {
        byte[] bytes = new byte[length];
        Array.Fill(bytes, value);
        return bytes;
    }
}
