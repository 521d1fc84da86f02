using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Sockets;

namespace ProtocolCore.Tests.Sockets;

/// <summary>
/// <see cref="EventLoopSocketStream"/> against a loopback peer on the runtime's sockets: reads and writes that complete
/// at once and ones that wait for the loop, zero-byte waits, the end of the stream, cancellation, close, connect
/// failures, and many sockets sharing the loops.
/// </summary>
public sealed class EventLoopSocketStreamTests
{
    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    [Fact]
    public async Task APendingReadCompletesWhenDataArrives_AndAZeroByteReadTakesNothing()
    {
        Assert.True(SocketEventLoop.IsSupported, "The event loop runs on Linux x64/Arm64, where CI runs.");
        CancellationToken ct = Timeout();
        await using Peer peer = await Peer.StartAsync(ct);
        await using EventLoopSocketStream stream = await peer.ConnectAsync(ct);
        Socket server = await peer.AcceptAsync(ct);

        ValueTask<int> wait = stream.ReadAsync(Memory<byte>.Empty, ct);
        Assert.False(wait.IsCompleted);
        await server.SendAsync("abc"u8.ToArray(), SocketFlags.None, ct);
        Assert.Equal(0, await wait);

        byte[] buffer = new byte[16];
        int read = await stream.ReadAsync(buffer, ct);
        Assert.Equal("abc", System.Text.Encoding.ASCII.GetString(buffer, 0, read));

        ValueTask<int> pending = stream.ReadAsync(buffer, ct);
        Assert.False(pending.IsCompleted);
        await server.SendAsync("defg"u8.ToArray(), SocketFlags.None, ct);
        Assert.Equal(4, await pending);
        Assert.Equal("defg", System.Text.Encoding.ASCII.GetString(buffer, 0, 4));

        server.Shutdown(SocketShutdown.Send);
        Assert.Equal(0, await stream.ReadAsync(Memory<byte>.Empty, ct));
        Assert.Equal(0, await stream.ReadAsync(buffer, ct));
    }

    [Fact]
    public async Task ManySocketsPingPongWithZeroByteWaitsBetween()
    {
        Assert.True(SocketEventLoop.IsSupported, "The event loop runs on Linux x64/Arm64, where CI runs.");
        CancellationToken ct = Timeout();
        await using Peer peer = await Peer.StartAsync(ct);
        const int Sockets = 40;
        const int Rounds = 200;
        var streams = new List<EventLoopSocketStream>();
        var servers = new List<Socket>();
        for (int i = 0; i < Sockets; i++)
        {
            streams.Add(await peer.ConnectAsync(ct));
            servers.Add(await peer.AcceptAsync(ct));
        }

        try
        {
            Task echoes = Task.WhenAll(servers.Select(async server =>
            {
                byte[] buffer = new byte[4096];
                int read;
                while ((read = await server.ReceiveAsync(buffer, SocketFlags.None, ct)) > 0)
                {
                    await server.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, ct);
                }
            }));

            int[] echoed = await Task.WhenAll(streams.Select(async (stream, index) =>
            {
                var random = new Random(index);
                byte[] buffer = new byte[8192];
                int total = 0;
                for (int round = 0; round < Rounds; round++)
                {
                    byte[] message = new byte[random.Next(1, 3000)];
                    random.NextBytes(message);
                    await stream.WriteAsync(message, ct);
                    int received = 0;
                    while (received < message.Length)
                    {
                        Assert.Equal(0, await stream.ReadAsync(Memory<byte>.Empty, ct));
                        int read = await stream.ReadAsync(buffer.AsMemory(received), ct);
                        Assert.NotEqual(0, read);
                        received += read;
                    }

                    Assert.True(buffer.AsSpan(0, received).SequenceEqual(message));
                    total += received;
                }

                return total;
            }));

            Assert.All(echoed, total => Assert.True(total > Rounds));
            foreach (EventLoopSocketStream stream in streams)
            {
                await stream.DisposeAsync();
            }

            await echoes;
        }
        finally
        {
            foreach (Socket server in servers)
            {
                server.Dispose();
            }
        }
    }

    [Fact]
    public async Task TheEndOfTheStreamTakenWithTheLastBytesIsStillReported()
    {
        // The peer's last bytes and its FIN arrive together: one receive takes both and comes back short, and no
        // further edge will come for the end. The waits after it must still see it (this hung once).
        Assert.True(SocketEventLoop.IsSupported, "The event loop runs on Linux x64/Arm64, where CI runs.");
        CancellationToken ct = Timeout();
        await using Peer peer = await Peer.StartAsync(ct);
        for (int round = 0; round < 20; round++)
        {
            await using EventLoopSocketStream stream = await peer.ConnectAsync(ct);
            using Socket server = await peer.AcceptAsync(ct);
            server.Send("xy"u8);
            server.Shutdown(SocketShutdown.Send);

            byte[] buffer = new byte[8192];
            int read = 0;
            while (read < 2)
            {
                int got = await stream.ReadAsync(buffer.AsMemory(read), ct);
                Assert.NotEqual(0, got);
                read += got;
            }

            Assert.Equal(0, await stream.ReadAsync(Memory<byte>.Empty, ct));
            Assert.Equal(0, await stream.ReadAsync(buffer, ct));
        }
    }

    [Fact]
    public async Task CancellingAPendingReadThrowsAndLeavesTheStreamUsable()
    {
        Assert.True(SocketEventLoop.IsSupported, "The event loop runs on Linux x64/Arm64, where CI runs.");
        CancellationToken ct = Timeout();
        await using Peer peer = await Peer.StartAsync(ct);
        await using EventLoopSocketStream stream = await peer.ConnectAsync(ct);
        using Socket server = await peer.AcceptAsync(ct);

        using var cancel = new CancellationTokenSource();
        ValueTask<int> pending = stream.ReadAsync(new byte[16], cancel.Token);
        Assert.False(pending.IsCompleted);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await pending);

        using var already = new CancellationTokenSource();
        already.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => _ = await stream.ReadAsync(new byte[16], already.Token));

        server.Send("ok"u8);
        byte[] buffer = new byte[16];
        Assert.Equal(2, await stream.ReadAsync(buffer, ct));
    }

    [Fact]
    public async Task DisposingFailsAPendingRead()
    {
        Assert.True(SocketEventLoop.IsSupported, "The event loop runs on Linux x64/Arm64, where CI runs.");
        CancellationToken ct = Timeout();
        await using Peer peer = await Peer.StartAsync(ct);
        EventLoopSocketStream stream = await peer.ConnectAsync(ct);
        using Socket server = await peer.AcceptAsync(ct);

        ValueTask<int> pending = stream.ReadAsync(new byte[16], ct);
        Assert.False(pending.IsCompleted);
        await stream.DisposeAsync();
        await Assert.ThrowsAsync<IOException>(async () => await pending);
        Assert.Throws<ObjectDisposedException>(() => { _ = stream.ReadAsync(new byte[16], ct); });
    }

    [Fact]
    public async Task AWriteLargerThanTheSocketBuffersWaitsForThePeerToRead()
    {
        Assert.True(SocketEventLoop.IsSupported, "The event loop runs on Linux x64/Arm64, where CI runs.");
        CancellationToken ct = Timeout();
        await using Peer peer = await Peer.StartAsync(ct);
        await using EventLoopSocketStream stream = await peer.ConnectAsync(ct);
        using Socket server = await peer.AcceptAsync(ct);

        byte[] payload = new byte[16 * 1024 * 1024];
        new Random(7).NextBytes(payload);
        ValueTask write = stream.WriteAsync(payload, ct);
        Assert.False(write.IsCompleted);

        byte[] received = new byte[payload.Length];
        int total = 0;
        while (total < received.Length)
        {
            int read = await server.ReceiveAsync(received.AsMemory(total), SocketFlags.None, ct);
            Assert.NotEqual(0, read);
            total += read;
        }

        await write;
        Assert.True(received.AsSpan().SequenceEqual(payload));
    }

    [Fact]
    public async Task ARefusedConnectIsASocketException()
    {
        Assert.True(SocketEventLoop.IsSupported, "The event loop runs on Linux x64/Arm64, where CI runs.");
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        SocketException e = await Assert.ThrowsAsync<SocketException>(() => EventLoopSocketStream.ConnectAsync("127.0.0.1", port, Timeout()));
        Assert.Equal(SocketError.ConnectionRefused, e.SocketErrorCode);
    }

    [Fact]
    public async Task TheCodeAfterAnAwaitedReadRunsOnTheLoopThread()
    {
        Assert.True(SocketEventLoop.IsSupported, "The event loop runs on Linux x64/Arm64, where CI runs.");
        CancellationToken ct = Timeout();
        await using Peer peer = await Peer.StartAsync(ct);
        await using EventLoopSocketStream stream = await peer.ConnectAsync(ct);
        using Socket server = await peer.AcceptAsync(ct);

        async Task<string?> ReadAndNameThreadAsync()
        {
            Assert.Equal(1, await stream.ReadAsync(new byte[16], ct).ConfigureAwait(false));
            return Thread.CurrentThread.Name;
        }

        Task<string?> name = ReadAndNameThreadAsync();
        Assert.False(name.IsCompleted);
        server.Send("x"u8);
        Assert.StartsWith("ProtocolCore event loop", await name);
    }

    private sealed class Peer : IAsyncDisposable
    {
        private readonly Socket _listener;

        private Peer(Socket listener) => _listener = listener;

        public static Task<Peer> StartAsync(CancellationToken cancellationToken)
        {
            var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(512);
            return Task.FromResult(new Peer(listener));
        }

        public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

        public Task<EventLoopSocketStream> ConnectAsync(CancellationToken cancellationToken) =>
            EventLoopSocketStream.ConnectAsync("127.0.0.1", Port, cancellationToken);

        public async Task<Socket> AcceptAsync(CancellationToken cancellationToken) => await _listener.AcceptAsync(cancellationToken);

        public ValueTask DisposeAsync()
        {
            _listener.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
