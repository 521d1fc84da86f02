using System;
using System.Buffers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.WebSockets;
using Xunit;

namespace ProtocolCore.Tests.WebSockets;

public class WebSocketReceiveQueueTests
{
    [Fact]
    public async Task AnInlineConsumerRunsInsideTryEnqueue()
    {
        var queue = new WebSocketReceiveQueue(4, consumerRunsInline: true);
        int consumerThread = 0;
        string? received = null;
        Task consumer = ConsumeOneAsync(queue, text =>
        {
            received = text;
            consumerThread = Environment.CurrentManagedThreadId;
        });

        Assert.True(queue.TryEnqueue(WebSocketOpcode.Text, new ReadOnlySequence<byte>("hello"u8.ToArray())));

        // Already done when TryEnqueue returns, on this thread: no hand-off to the thread pool.
        Assert.True(consumer.IsCompleted);
        Assert.Equal("hello", received);
        Assert.Equal(Environment.CurrentManagedThreadId, consumerThread);
        await consumer;
    }

    [Fact]
    public async Task ACallersConsumerNeverRunsInsideTryEnqueue()
    {
        var queue = new WebSocketReceiveQueue(4);
        using var release = new ManualResetEventSlim();
        Task consumer = ConsumeOneAsync(queue, _ => release.Wait(TimeSpan.FromSeconds(30)));

        // Returns while the consumer is still blocked: its continuation went to the thread pool. (Run inline, the
        // consumer would have blocked this thread for 30 s and completed before TryEnqueue returned.)
        Assert.True(queue.TryEnqueue(WebSocketOpcode.Text, new ReadOnlySequence<byte>("hello"u8.ToArray())));
        Assert.False(consumer.IsCompleted);
        release.Set();
        await consumer;
    }

    [Fact]
    public async Task AnInlineConsumerStillGetsMessagesQueuedBeforeItWaits()
    {
        var queue = new WebSocketReceiveQueue(4, consumerRunsInline: true);
        Assert.True(queue.TryEnqueue(WebSocketOpcode.Text, new ReadOnlySequence<byte>("a"u8.ToArray())));
        Assert.True(queue.TryEnqueue(WebSocketOpcode.Text, new ReadOnlySequence<byte>("b"u8.ToArray())));
        queue.Complete(new WebSocketReceivedMessage(WebSocketCloseStatus.NormalClosure, "bye"), null);

        WebSocketReceivedMessage first = await queue.ReceiveAsync(CancellationToken.None);
        Assert.Equal("a", Encoding.UTF8.GetString(first.Payload.Span));
        WebSocketReceivedMessage second = await queue.ReceiveAsync(CancellationToken.None);
        Assert.Equal("b", Encoding.UTF8.GetString(second.Payload.Span));
        WebSocketReceivedMessage end = await queue.ReceiveAsync(CancellationToken.None);
        Assert.True(end.IsClose);
    }

    private static async Task ConsumeOneAsync(WebSocketReceiveQueue queue, Action<string> onMessage)
    {
        WebSocketReceivedMessage message = await queue.ReceiveAsync(CancellationToken.None).ConfigureAwait(false);
        onMessage(Encoding.UTF8.GetString(message.Payload.Span));
    }
}
