using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Tests.WebSockets;

/// <summary>
/// The receive loop hands a waiting consumer its message on the loop's own thread once the loop waits for data again
/// (one wake-up per event): the consumer's code must never hold the loop up, however long it runs.
/// </summary>
public class WebSocketConsumerHandOffTests
{
    public static TheoryData<int> BytesPerRead => new() { int.MaxValue, 1 };

    [Theory]
    [MemberData(nameof(BytesPerRead))]
    public async Task AConsumerBusyAfterItsMessage_DoesNotHoldUpTheReceiveLoop(int bytesPerRead)
    {
        await using var peer = new InMemoryWebSocketPeer(bytesPerRead);
        await using WebSocketConnection connection = await peer.ConnectAsync(Options());
        using var release = new ManualResetEventSlim();
        var consumerBusy = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The consumer waits before the message arrives, so the receive loop is the one that wakes it.
        await peer.WhenClientWaitsAsync();
        Task<string> consumer = ConsumeAndBlockAsync();
        await peer.SendAsync(TestFrames.Text("one"));
        await consumerBusy.Task.WaitAsync(InMemoryWebSocketPeer.Deadline);

        // The consumer's code still runs on the thread that woke it; the loop reads on: a message, and a ping it answers.
        await peer.SendAsync(TestFrames.Concat(TestFrames.Text("two"), TestFrames.Frame(WebSocketOpcode.Ping, "still there"u8)));
        (WebSocketOpcode opcode, byte[] payload) = await peer.ReadClientFrameAsync();

        Assert.Equal(WebSocketOpcode.Pong, opcode);
        Assert.Equal("still there"u8.ToArray(), payload);
        Assert.Equal(2, connection.ReceivedMessageCount);
        release.Set();
        Assert.Equal("two", await consumer.WaitAsync(InMemoryWebSocketPeer.Deadline));

        async Task<string> ConsumeAndBlockAsync()
        {
            WebSocketReceivedMessage first = await connection.ReceiveAsync();
            Assert.Equal("one", Encoding.UTF8.GetString(first.Payload.Span));
            consumerBusy.SetResult();

            // Synchronous work after the message, on whichever thread delivered it (bounded: a hang fails the test).
            Assert.True(release.Wait(InMemoryWebSocketPeer.Deadline));
            WebSocketReceivedMessage second = await connection.ReceiveAsync();
            return Encoding.UTF8.GetString(second.Payload.Span);
        }
    }

    [Theory]
    [MemberData(nameof(BytesPerRead))]
    public async Task MessagesOfOneRead_AreHandedOverInOrder_ToAConsumerWaitingForEach(int bytesPerRead)
    {
        await using var peer = new InMemoryWebSocketPeer(bytesPerRead);
        await using WebSocketConnection connection = await peer.ConnectAsync(Options());
        await peer.WhenClientWaitsAsync();

        for (int round = 0; round < 3; round++)
        {
            ValueTask<WebSocketReceivedMessage> next = connection.ReceiveAsync();
            await peer.SendAsync(TestFrames.Concat(TestFrames.Text($"{round}:a"), TestFrames.Text($"{round}:b"), TestFrames.Text($"{round}:c")));
            Assert.Equal($"{round}:a", Encoding.UTF8.GetString((await next.AsTask().WaitAsync(InMemoryWebSocketPeer.Deadline)).Payload.Span));
            Assert.Equal($"{round}:b", Encoding.UTF8.GetString((await connection.ReceiveAsync().AsTask().WaitAsync(InMemoryWebSocketPeer.Deadline)).Payload.Span));
            Assert.Equal($"{round}:c", Encoding.UTF8.GetString((await connection.ReceiveAsync().AsTask().WaitAsync(InMemoryWebSocketPeer.Deadline)).Payload.Span));
        }
    }

    private static WebSocketClientOptions Options() => new()
    {
        EnableCompression = false,
        KeepAliveInterval = TimeSpan.Zero,
        UseEnvironmentProxy = false,
        CloseTimeout = TimeSpan.FromSeconds(1),
    };
}
