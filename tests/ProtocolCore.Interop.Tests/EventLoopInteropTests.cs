using System;
using System.Threading.Tasks;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Interop.Tests;

/// <summary>
/// <see cref="WebSocketIoMode.EventLoop"/> against Kestrel: echoes of every size over ws:// and wss:// (TLS over the
/// event loop's stream), with and without compression (the proxy tunnel: <see cref="ProxyTests"/>).
/// </summary>
public class EventLoopInteropTests : IClassFixture<KestrelServerFixture>
{
    private readonly KestrelServer _server;

    public EventLoopInteropTests(KestrelServerFixture fixture)
    {
        _server = fixture.Server;
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task EchoesEverySize(bool secure, bool compression)
    {
        WebSocketClientOptions options = Client.Options(compression, o =>
        {
            o.IoMode = WebSocketIoMode.EventLoop;
            o.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        });

        await using WebSocketConnection connection = await Client.ConnectAsync(secure ? _server.Wss("/echo") : _server.Ws("/echo"), options);
        foreach (int size in Client.Sizes)
        {
            await Client.AssertEchoAsync(connection, Client.Binary(size, seed: size), text: false);
            await Client.AssertEchoAsync(connection, Client.Text(Math.Min(size, 1024 * 1024)), text: true);
        }

        await connection.CloseAsync();
        Assert.Equal(WebSocketCloseCode.NormalClosure, connection.CloseStatus);
    }
}
