using System;
using System.Buffers;
using System.Threading.Tasks;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Tests.WebSockets;

/// <summary>
/// The receive queue is sized by use: it grows while messages pile up, keeps its buffers while data flows (a producer
/// that waits briefly between messages included), and gives them back, shrinking, once idle since a cutoff. Time is a
/// number the test passes in: no clock.
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
        Assert.Equal(20, pool.Outstanding);

        for (int i = 0; i < 20; i++)
        {
            WebSocketReceivedMessage message = await queue.ReceiveAsync(default);
            Assert.Equal(i, BitConverter.ToInt32(message.Payload.Span));
            Assert.Equal(i + 1, message.Sequence);
        }

        // While the producer is busy the consumed buffers wait in their slots for reuse, even once the queue is empty.
        Assert.Equal(20, pool.Outstanding);
        queue.ReleaseHeld(20);
        Assert.Equal(20, pool.Outstanding);
        Assert.Equal(20, queue.SlotCount);

        // The producer starts waiting at 100: a wait as short as between two deltas keeps every buffer for the next ones.
        queue.SetProducerIdle(true, now: 100);
        Assert.False(queue.TrimIfIdleSince(cutoff: 99));
        Assert.Equal(20, pool.Outstanding);
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
    public async Task BusyQueue_ReusesTheBuffersOfConsumedMessages_InsteadOfRenting()
    {
        var pool = new CountingArrayPool();
        var queue = new WebSocketReceiveQueue(capacity: 8, pool);
        for (int i = 0; i < 4; i++)
        {
            Assert.True(queue.TryEnqueue(WebSocketOpcode.Text, new ReadOnlySequence<byte>(new byte[100])));
        }

        for (int i = 0; i < 3; i++)
        {
            await queue.ReceiveAsync(default);
        }

        // Two consumed (the third is held), one waiting: the next two messages take the consumed messages' buffers.
        int rents = pool.Rents;
        Assert.True(queue.TryEnqueue(WebSocketOpcode.Text, new ReadOnlySequence<byte>(new byte[200])));
        Assert.True(queue.TryEnqueue(WebSocketOpcode.Text, new ReadOnlySequence<byte>(new byte[200])));
        Assert.Equal(rents, pool.Rents);

        // One too large for any spare buffer is rented for.
        Assert.True(queue.TryEnqueue(WebSocketOpcode.Text, new ReadOnlySequence<byte>(new byte[5000])));
        Assert.Equal(rents + 1, pool.Rents);

        for (int i = 0; i < 4; i++)
        {
            await queue.ReceiveAsync(default);
        }

        // Idle long enough, but the consumer still holds the last message: nothing goes back until it lets go.
        queue.SetProducerIdle(true, now: 0);
        Assert.False(queue.TrimIfIdleSince(cutoff: long.MaxValue));
        Assert.Equal(5, pool.Outstanding);
        queue.ReleaseHeld(7);
        Assert.Equal(5, pool.Outstanding);
        Assert.True(queue.TrimIfIdleSince(cutoff: long.MaxValue));
        Assert.Equal(0, pool.Outstanding);
        Assert.Equal(WebSocketReceiveQueue.InitialSlotCount, queue.SlotCount);
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

    private static byte[] Filled(byte value)
    {
        byte[] bytes = new byte[100];
        Array.Fill(bytes, value);
        return bytes;
    }
}
