using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Interop.Tests;

/// <summary>HTTP CONNECT tunnelling through a small proxy written here, to Kestrel over ws:// and wss://.</summary>
public class ProxyTests : IClassFixture<KestrelServerFixture>
{
    private readonly KestrelServer _server;

    public ProxyTests(KestrelServerFixture fixture)
    {
        _server = fixture.Server;
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task ExplicitProxy_TunnelsWithConnect(bool secure, bool eventLoop)
    {
        await using var proxy = await ConnectProxy.StartAsync(refuse: false);
        var options = Client.Options(configure: o =>
        {
            o.IoMode = eventLoop ? WebSocketIoMode.EventLoop : WebSocketIoMode.ThreadPool;
            o.Proxy = new Uri($"http://user:p%40ss@127.0.0.1:{proxy.Port}");
            o.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        });

        await using WebSocketConnection connection = await Client.ConnectAsync(secure ? _server.Wss("/echo") : _server.Ws("/echo"), options);
        await Client.AssertEchoAsync(connection, Client.Text(10_000), text: true);
        await connection.CloseAsync();

        int port = secure ? _server.Https.Port : _server.Http.Port;
        Assert.Equal($"CONNECT 127.0.0.1:{port} HTTP/1.1", proxy.RequestLine);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("user:p@ss")), proxy.ProxyAuthorization);
    }

    [Fact]
    public async Task ProxyRefusal_IsTyped()
    {
        await using var proxy = await ConnectProxy.StartAsync(refuse: true);
        var error = await Assert.ThrowsAsync<WebSocketHandshakeException>(
            () => Client.ConnectAsync(_server.Ws("/echo"), Client.Options(configure: o => o.Proxy = new Uri($"http://127.0.0.1:{proxy.Port}"))));
        Assert.Equal(WebSocketHandshakeError.ProxyRefused, error.Error);
        Assert.Equal(407, error.StatusCode);
    }

    [Fact]
    public async Task NoProxy_Bypasses()
    {
        var options = Client.Options(configure: o =>
        {
            // Nothing listens on port 9 (discard); NO_PROXY must keep us from trying.
            o.Proxy = new Uri("http://127.0.0.1:9");
            o.NoProxy = "example.com, 127.0.0.1";
        });
        await using WebSocketConnection connection = await Client.ConnectAsync(_server.Ws("/echo"), options);
        await Client.AssertEchoAsync(connection, Client.Text(10), text: true);
    }

    /// <summary>A one-connection CONNECT proxy: reads the request head, dials the target, then copies bytes both ways.</summary>
    private sealed class ConnectProxy : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly Task _run;
        private readonly CancellationTokenSource _stop = new(Client.Deadline);

        private ConnectProxy(TcpListener listener, bool refuse)
        {
            _listener = listener;
            _run = RunAsync(refuse);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public string? RequestLine { get; private set; }

        public string? ProxyAuthorization { get; private set; }

        public static Task<ConnectProxy> StartAsync(bool refuse)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return Task.FromResult(new ConnectProxy(listener, refuse));
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            try
            {
                await _run.WaitAsync(Client.Deadline);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or System.IO.IOException)
            {
                // Stopped while copying.
            }

            _stop.Dispose();
        }

        private async Task RunAsync(bool refuse)
        {
            using TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
            NetworkStream downstream = client.GetStream();
            var head = new StringBuilder();
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            {
                if (await downstream.ReadAsync(one, _stop.Token) == 0)
                {
                    return;
                }

                head.Append((char)one[0]);
            }

            string[] lines = head.ToString().Split("\r\n");
            RequestLine = lines[0];
            foreach (string line in lines)
            {
                if (line.StartsWith("Proxy-Authorization:", StringComparison.OrdinalIgnoreCase))
                {
                    ProxyAuthorization = line["Proxy-Authorization:".Length..].Trim();
                }
            }

            if (refuse)
            {
                await downstream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n"), _stop.Token);
                return;
            }

            string[] target = lines[0].Split(' ')[1].Split(':');
            using var upstream = new TcpClient();
            await upstream.ConnectAsync(target[0], int.Parse(target[1], System.Globalization.CultureInfo.InvariantCulture), _stop.Token);
            await downstream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 Connection established\r\n\r\n"), _stop.Token);
            NetworkStream up = upstream.GetStream();
            Task a = CopyAsync(downstream, up);
            Task b = CopyAsync(up, downstream);
            await Task.WhenAny(a, b);
        }

        private async Task CopyAsync(NetworkStream from, NetworkStream to)
        {
            await from.CopyToAsync(to, _stop.Token);
            to.Socket.Shutdown(SocketShutdown.Send);
        }
    }
}
