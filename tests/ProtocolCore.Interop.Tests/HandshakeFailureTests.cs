using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Interop.Tests;

/// <summary>Servers that misbehave during the upgrade: every case ends in a typed error, none hangs.</summary>
public class HandshakeFailureTests
{
    [Fact]
    public async Task SilentServer_IsAHandshakeTimeout()
    {
        // Reads until the client hangs up, never answering.
        await using var server = await RawServer.StartAsync(async stream =>
        {
            var one = new byte[1];
            while (await stream.ReadAsync(one, RawServer.Stop) > 0)
            {
            }
        });
        var error = await Assert.ThrowsAsync<WebSocketConnectionException>(
            () => Client.ConnectAsync(server.Url, Client.Options(configure: o => o.HandshakeTimeout = TimeSpan.FromMilliseconds(300))));
        Assert.Equal(WebSocketConnectionError.HandshakeTimeout, error.Error);
    }

    [Fact]
    public async Task ServerClosingMidResponse_IsTyped()
    {
        await using var server = await RawServer.StartAsync(async stream =>
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 101 Switching Protocols\r\nUpgrade: web")));
        var error = await Assert.ThrowsAsync<WebSocketHandshakeException>(() => Client.ConnectAsync(server.Url, Client.Options()));
        Assert.Equal(WebSocketHandshakeError.ConnectionClosed, error.Error);
    }

    [Fact]
    public async Task EndlessHeaders_HitTheLimit()
    {
        await using var server = await RawServer.StartAsync(async stream =>
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 101 Switching Protocols\r\n"));
            byte[] header = Encoding.ASCII.GetBytes("X-Pad: " + new string('a', 100) + "\r\n");
            for (int i = 0; i < 1000; i++)
            {
                await stream.WriteAsync(header);
            }
        });
        var error = await Assert.ThrowsAsync<WebSocketHandshakeException>(
            () => Client.ConnectAsync(server.Url, Client.Options(configure: o => o.MaxResponseHeaderBytes = 8192)));
        Assert.Equal(WebSocketHandshakeError.ResponseHeadersTooLarge, error.Error);
    }

    [Fact]
    public async Task WrongAcceptKey_IsTyped()
    {
        await using var server = await RawServer.StartAsync(async stream =>
            await stream.WriteAsync(Encoding.ASCII.GetBytes(
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n")));
        var error = await Assert.ThrowsAsync<WebSocketHandshakeException>(() => Client.ConnectAsync(server.Url, Client.Options()));
        Assert.Equal(WebSocketHandshakeError.InvalidAcceptKey, error.Error);
    }

    [Fact]
    public async Task ChunkedRefusalBody_IsDecoded_AndBounded()
    {
        await using var server = await RawServer.StartAsync(async stream =>
            await stream.WriteAsync(Encoding.ASCII.GetBytes(
                "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 7\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nslow \r\n5\r\ndown!\r\n0\r\n\r\n")));
        var error = await Assert.ThrowsAsync<WebSocketHandshakeException>(
            () => Client.ConnectAsync(server.Url, Client.Options(configure: o => o.MaxErrorBodyBytes = 8)));
        Assert.Equal(429, error.StatusCode);
        Assert.Equal("slow dow", error.Body);
        Assert.Contains(error.Headers, h => h.Key == "Retry-After" && h.Value == "7");
    }

    [Fact]
    public async Task NothingListening_IsAConnectFailure()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var error = await Assert.ThrowsAsync<WebSocketConnectionException>(() => Client.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/"), Client.Options()));
        Assert.Equal(WebSocketConnectionError.ConnectFailed, error.Error);
    }

    /// <summary>Accepts one connection, reads the request head, runs a script, then closes.</summary>
    private sealed class RawServer : IAsyncDisposable
    {
        private static readonly CancellationTokenSource s_stop = new(Client.Deadline);
        private readonly TcpListener _listener;
        private readonly Task _run;

        private RawServer(TcpListener listener, Func<NetworkStream, Task> script)
        {
            _listener = listener;
            _run = RunAsync(script);
        }

        public static CancellationToken Stop => s_stop.Token;

        public Uri Url => new($"ws://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

        public static Task<RawServer> StartAsync(Func<NetworkStream, Task> script)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return Task.FromResult(new RawServer(listener, script));
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            await Task.WhenAny(_run, Task.Delay(Client.Deadline));
        }

        private async Task RunAsync(Func<NetworkStream, Task> script)
        {
            try
            {
                using TcpClient client = await _listener.AcceptTcpClientAsync(Stop);
                NetworkStream stream = client.GetStream();
                var head = new StringBuilder();
                var one = new byte[1];
                while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one, Stop) == 1)
                {
                    head.Append((char)one[0]);
                }

                await script(stream).WaitAsync(TimeSpan.FromSeconds(5), Stop);
            }
            catch (Exception e) when (e is OperationCanceledException or TimeoutException or SocketException or ObjectDisposedException or System.IO.IOException)
            {
                // The client gave up first, or the server was stopped: both are expected here.
            }
        }
    }
}
