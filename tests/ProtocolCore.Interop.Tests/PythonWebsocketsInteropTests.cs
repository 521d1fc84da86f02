using System.Threading.Tasks;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Interop.Tests;

/// <summary>Our client against Python's websockets package (servers/websockets_server.py, Debian's python3-websockets).</summary>
public class PythonWebsocketsInteropTests : IClassFixture<PythonServerFixture>
{
    private readonly PythonServerFixture _servers;

    public PythonWebsocketsInteropTests(PythonServerFixture servers)
    {
        _servers = servers;
    }

    [Theory]
    [MemberData(nameof(Client.SizesAndCompression), MemberType = typeof(Client))]
    public Task EchoesTextAndBinary_FromEmptyTo16MiB(int size, bool compression) =>
        Client.AssertEchoRoundTripAsync(_servers.Get(compression).Url("/echo"), size, compression);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FragmentedMessage_WithPingsBetweenFragments_IsJoined(bool compression)
    {
        await using WebSocketConnection connection = await Client.ConnectAsync(_servers.Get(compression).Url("/fragments"), Client.Options(compression));
        Assert.Equal("fragmented über python", Client.Utf8((await Client.ReceiveAsync(connection)).Payload));
        Assert.Equal("done", Client.Utf8((await Client.ReceiveAsync(connection)).Payload));
        await connection.CloseAsync();
        Assert.Equal(WebSocketCloseCode.NormalClosure, connection.CloseStatus);
    }

    [Fact]
    public async Task ServerInitiatedClose_ReportsCodeAndReason()
    {
        await using WebSocketConnection connection = await Client.ConnectAsync(_servers.Plain.Url("/close"), Client.Options());
        WebSocketReceivedMessage close = await Client.ReceiveAsync(connection);
        Assert.True(close.IsClose);
        Assert.Equal((WebSocketCloseCode)4002, close.CloseStatus);
        Assert.Equal("python says bye", close.CloseReason);
        await connection.Completion.WaitAsync(Client.Deadline);
        Assert.Equal((WebSocketCloseCode)4002, connection.CloseStatus);
    }

    [Fact]
    public async Task Refusal426_IsTypedWithStatusAndBody()
    {
        var error = await Assert.ThrowsAsync<WebSocketHandshakeException>(
            () => Client.ConnectAsync(_servers.Plain.Url("/reject426"), Client.Options(configure: o => o.ApiKey = "sk-python-secret")));
        Assert.Equal(426, error.StatusCode);
        Assert.Contains("use HTTP mode", error.Body, System.StringComparison.Ordinal);
        Assert.DoesNotContain("sk-python-secret", error.ToString(), System.StringComparison.Ordinal);
    }
}
