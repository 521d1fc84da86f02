using System;
using System.Buffers;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Tests.WebSockets;

/// <summary>
/// Issue 15: an idle connection holds no rented buffer. Every buffer of a connection (pipe segments, message copies,
/// fragment and pong buffers) comes from a counting pool; once the receive loop waits for data with a zero-byte read,
/// the consumer is done, and the idle trimmer's tick comes (called here with a cutoff after the wait began, as the
/// trimmer does once the wait is old enough: no clock), everything rented was returned, and reading after idling still works: large and
/// fragmented messages arrive intact, pings are answered, limits hold. Each test runs with the server's bytes in
/// whole writes and one byte per read.
/// </summary>
public class WebSocketIdleBufferTests
{
    /// <summary>A trimmer cutoff after any wait began: what the trimmer passes once a wait is old enough.</summary>
    private const long IdleLongEnough = long.MaxValue;

    public static TheoryData<int> BytesPerRead => new() { int.MaxValue, 1 };

    [Theory]
    [MemberData(nameof(BytesPerRead))]
    public async Task IdleConnection_HoldsNoRentedBuffer_AfterTheUpgrade(int bytesPerRead)
    {
        var pool = new CountingArrayPool();
        await using var peer = new InMemoryWebSocketPeer(bytesPerRead);
        await using WebSocketConnection connection = await peer.ConnectAsync(Options(pool));

        await peer.WhenClientWaitsAsync();

        Assert.True(pool.Rents > 0, "The upgrade was read through the pool.");
        Assert.True(connection.TrimIdleBuffers(IdleLongEnough));
        Assert.Equal(0, pool.Outstanding);
    }

    [Theory]
    [MemberData(nameof(BytesPerRead))]
    public async Task IdleConnection_HoldsNoRentedBuffer_AfterMessages_AndReadsOnAfterIdling(int bytesPerRead)
    {
        var pool = new CountingArrayPool();
        await using var peer = new InMemoryWebSocketPeer(bytesPerRead);
        await using WebSocketConnection connection = await peer.ConnectAsync(Options(pool));

        for (int round = 0; round < 3; round++)
        {
            // A burst the consumer reads after it has all arrived, so the queue holds several at once.
            await peer.SendAsync(TestFrames.Concat([.. Enumerable.Range(0, 10).Select(i => TestFrames.Text($"{{\"round\":{round},\"i\":{i}}}"))]));
            for (int i = 0; i < 10; i++)
            {
                WebSocketReceivedMessage message = await ReceiveAsync(connection);
                Assert.Equal($"{{\"round\":{round},\"i\":{i}}}", System.Text.Encoding.UTF8.GetString(message.Payload.Span));
            }

            int rentsBefore = pool.Rents;
            connection.ReleaseReceived(connection.ReceivedMessageCount);
            await peer.WhenClientWaitsAsync();

            // Waiting only since after the cutoff (as between two deltas), the trimmer leaves the connection be.
            Assert.False(connection.TrimIdleBuffers(long.MinValue));

            Assert.True(rentsBefore > 0);
            Assert.True(connection.TrimIdleBuffers(IdleLongEnough));
            Assert.Equal(0, pool.Outstanding);
        }
    }

    [Theory]
    [MemberData(nameof(BytesPerRead))]
    public async Task HeldMessage_IsKept_UntilTheNextReceive_ThenReturnedWhenIdle(int bytesPerRead)
    {
        var pool = new CountingArrayPool();
        await using var peer = new InMemoryWebSocketPeer(bytesPerRead);
        await using WebSocketConnection connection = await peer.ConnectAsync(Options(pool));

        await peer.SendAsync(TestFrames.Text("one"));
        WebSocketReceivedMessage one = await ReceiveAsync(connection);
        Assert.Equal("one"u8.ToArray(), one.Payload.ToArray());
        await peer.WhenClientWaitsAsync();

        // The consumer still holds "one": its copy stays rented until it asks for the next message, idle or not.
        Assert.False(connection.TrimIdleBuffers(IdleLongEnough));
        Assert.Equal(1, pool.Outstanding);

        ValueTask<WebSocketReceivedMessage> next = connection.ReceiveAsync();
        Assert.True(connection.TrimIdleBuffers(IdleLongEnough));
        Assert.Equal(0, pool.Outstanding);

        await peer.SendAsync(TestFrames.Text("two"));
        Assert.Equal("two"u8.ToArray(), (await next.AsTask().WaitAsync(InMemoryWebSocketPeer.Deadline)).Payload.ToArray());
    }

    [Theory]
    [MemberData(nameof(BytesPerRead))]
    public async Task LargeAndFragmentedMessages_AfterIdling_ArriveIntact_AndAreReturned(int bytesPerRead)
    {
        var pool = new CountingArrayPool();
        await using var peer = new InMemoryWebSocketPeer(bytesPerRead);
        await using WebSocketConnection connection = await peer.ConnectAsync(Options(pool));
        await peer.WhenClientWaitsAsync();

        // Larger than a pipe segment (8 KiB) many times over, in one frame and in fragments.
        byte[] whole = Payload(100_000, seed: 1);
        byte[] fragmented = Payload(70_000, seed: 2);
        await peer.SendAsync(TestFrames.Concat(
            TestFrames.Frame(WebSocketOpcode.Binary, whole),
            TestFrames.Frame(WebSocketOpcode.Binary, fragmented.AsSpan(0, 30_000), fin: false),
            TestFrames.Frame(WebSocketOpcode.Ping, "are you there"u8),
            TestFrames.Frame(WebSocketOpcode.Continuation, fragmented.AsSpan(30_000, 30_000), fin: false),
            TestFrames.Frame(WebSocketOpcode.Continuation, fragmented.AsSpan(60_000), fin: true)));

        Assert.Equal(whole, (await ReceiveAsync(connection)).Payload.ToArray());
        Assert.Equal(fragmented, (await ReceiveAsync(connection)).Payload.ToArray());
        (WebSocketOpcode opcode, byte[] pong) = await peer.ReadClientFrameAsync();
        Assert.Equal(WebSocketOpcode.Pong, opcode);
        Assert.Equal("are you there"u8.ToArray(), pong);
        connection.ReleaseReceived(connection.ReceivedMessageCount);
        await peer.WhenClientWaitsAsync();

        Assert.True(connection.TrimIdleBuffers(IdleLongEnough));
        Assert.Equal(0, pool.Outstanding);
    }

    [Theory]
    [MemberData(nameof(BytesPerRead))]
    public async Task MessageLimit_IsEnforced_AfterIdling(int bytesPerRead)
    {
        var pool = new CountingArrayPool();
        await using var peer = new InMemoryWebSocketPeer(bytesPerRead);
        await using WebSocketConnection connection = await peer.ConnectAsync(Options(pool, o => o.MaxMessageLength = 1000));

        await peer.SendAsync(TestFrames.Frame(WebSocketOpcode.Binary, new byte[1000]));
        Assert.Equal(1000, (await ReceiveAsync(connection)).Payload.Length);
        connection.ReleaseReceived(connection.ReceivedMessageCount);
        await peer.WhenClientWaitsAsync();

        await peer.SendAsync(TestFrames.Concat(
            TestFrames.Frame(WebSocketOpcode.Binary, new byte[600], fin: false),
            TestFrames.Frame(WebSocketOpcode.Continuation, new byte[600], fin: true)));

        var error = await Assert.ThrowsAsync<WebSocketProtocolException>(() => ReceiveAsync(connection));
        Assert.Equal(WebSocketCloseCode.MessageTooBig, error.CloseStatus);
        await connection.Completion.WaitAsync(InMemoryWebSocketPeer.Deadline);
        await connection.DisposeAsync();
        Assert.Equal(0, pool.Outstanding);
    }

    [Theory]
    [MemberData(nameof(BytesPerRead))]
    public async Task Dispose_WithTheReceiveQueueFull_EndsTheReceiveLoop(int bytesPerRead)
    {
        // Nobody reads (every reader of a shared connection gave up): the receive loop waits for room in the queue.
        // Disposing must end that wait too, not only a pending read, or the dispose never returns.
        var pool = new CountingArrayPool();
        await using var peer = new InMemoryWebSocketPeer(bytesPerRead);
        WebSocketConnection connection = await peer.ConnectAsync(Options(pool, o => o.ReceiveQueueCapacity = 2));
        await peer.SendAsync(TestFrames.Concat([.. Enumerable.Range(0, 4).Select(i => TestFrames.Text($"{{\"i\":{i}}}"))]));
        while (connection.ReceivedMessageCount < 2)
        {
            await Task.Delay(1);
        }

        await connection.DisposeAsync().AsTask().WaitAsync(InMemoryWebSocketPeer.Deadline);

        await Assert.ThrowsAsync<WebSocketConnectionException>(() => ReceiveAsync(connection));
        Assert.Equal(0, pool.Outstanding);
    }

    [Theory]
    [MemberData(nameof(BytesPerRead))]
    public async Task ReleaseDelay_IsTheConnectionsOwn(int bytesPerRead)
    {
        var pool = new CountingArrayPool();
        await using var peer = new InMemoryWebSocketPeer(bytesPerRead);
        await using WebSocketConnection connection = await peer.ConnectAsync(Options(pool, o => o.IdleBufferReleaseDelay = TimeSpan.FromMinutes(30)));

        // A backlog grows the ring of slots past its idle size.
        await peer.SendAsync(TestFrames.Concat([.. Enumerable.Range(0, 10).Select(i => TestFrames.Text($"{{\"i\":{i}}}"))]));
        while (connection.ReceivedMessageCount < 10)
        {
            await Task.Delay(1);
        }

        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(Encoding.UTF8.GetBytes($"{{\"i\":{i}}}"), (await ReceiveAsync(connection)).Payload.ToArray());
        }

        connection.ReleaseReceived(connection.ReceivedMessageCount);
        await peer.WhenClientWaitsAsync();
        long waitBegan = Environment.TickCount64;

        // Drained with the socket waiting: the message buffer is back already, the grown ring is kept.
        Assert.Equal(0, pool.Outstanding);
        Assert.True(connection.ReceiveQueueSlotCount > 4);

        // Idle for less than its delay (the wait began before waitBegan, so at most 29 minutes before the first
        // cutoff): the ring is kept; idle for longer than 30 minutes: shrunk back.
        Assert.False(connection.TrimIfIdleAt(waitBegan + (long)TimeSpan.FromMinutes(29).TotalMilliseconds));
        Assert.True(connection.ReceiveQueueSlotCount > 4);
        Assert.True(connection.TrimIfIdleAt(waitBegan + (long)TimeSpan.FromMinutes(31).TotalMilliseconds));
        Assert.Equal(4, connection.ReceiveQueueSlotCount);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public async Task InfiniteReleaseDelay_KeepsTheBuffers()
    {
        var pool = new CountingArrayPool();
        await using var peer = new InMemoryWebSocketPeer(int.MaxValue);
        await using WebSocketConnection connection = await peer.ConnectAsync(Options(pool, o => o.IdleBufferReleaseDelay = System.Threading.Timeout.InfiniteTimeSpan));
        await peer.SendAsync(TestFrames.Text("one"));
        Assert.Equal("one"u8.ToArray(), (await ReceiveAsync(connection)).Payload.ToArray());
        connection.ReleaseReceived(connection.ReceivedMessageCount);
        await peer.WhenClientWaitsAsync();

        Assert.Equal(-1, connection.IdleReleaseDelayMilliseconds);
        Assert.False(connection.TrimIfIdleAt(long.MaxValue));
        Assert.True(pool.Outstanding > 0);
    }

    [Fact]
    public async Task IdleTrimmer_GivesTheBuffersBack_AfterAShortReleaseDelay()
    {
        var pool = new CountingArrayPool();
        await using var peer = new InMemoryWebSocketPeer(int.MaxValue);
        await using WebSocketConnection connection = await peer.ConnectAsync(Options(pool, o => o.IdleBufferReleaseDelay = TimeSpan.FromMilliseconds(20)));
        await peer.SendAsync(TestFrames.Text("one"));
        Assert.Equal("one"u8.ToArray(), (await ReceiveAsync(connection)).Payload.ToArray());
        connection.ReleaseReceived(connection.ReceivedMessageCount);
        await peer.WhenClientWaitsAsync();

        // The process-wide timer (ticking every 10 ms for this connection) does it; nothing here trims. The deadline
        // only bounds a failure: a working trimmer ends the wait after a few ticks.
        Task released = Task.Run(async () =>
        {
            while (pool.Outstanding > 0)
            {
                await Task.Delay(5);
            }
        });
        await released.WaitAsync(InMemoryWebSocketPeer.Deadline);
        Assert.Equal(0, pool.Outstanding);
    }

    public static TheoryData<TimeSpan> InvalidReleaseDelays => new() { TimeSpan.Zero, TimeSpan.FromMilliseconds(-5), TimeSpan.FromHours(1) + TimeSpan.FromTicks(1) };

    [Theory]
    [MemberData(nameof(InvalidReleaseDelays))]
    public async Task InvalidReleaseDelay_IsRejected_BeforeConnecting(TimeSpan delay)
    {
        var options = new WebSocketClientOptions { IdleBufferReleaseDelay = delay };
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => WebSocketConnection.ConnectAsync(new Uri("ws://127.0.0.1:1/"), options));
        Assert.Equal(nameof(WebSocketClientOptions.IdleBufferReleaseDelay), error.ParamName);

        var client = new ProtocolCore.Client.ResponsesClientOptions();
        client.WebSocket.IdleBufferReleaseDelay = delay;
        Assert.Equal("WebSocket.IdleBufferReleaseDelay", Assert.Throws<ArgumentOutOfRangeException>(client.Validate).ParamName);
    }

    private static WebSocketClientOptions Options(CountingArrayPool pool, Action<WebSocketClientOptions>? configure = null)
    {
        var options = new WebSocketClientOptions
        {
            EnableCompression = false,
            KeepAliveInterval = TimeSpan.Zero,
            UseEnvironmentProxy = false,
            CloseTimeout = TimeSpan.FromSeconds(1),
            BufferPool = pool,
        };
        configure?.Invoke(options);
        return options;
    }

    private static Task<WebSocketReceivedMessage> ReceiveAsync(WebSocketConnection connection) =>
        connection.ReceiveAsync().AsTask().WaitAsync(InMemoryWebSocketPeer.Deadline);

    private static byte[] Payload(int length, int seed)
    {
        byte[] bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
