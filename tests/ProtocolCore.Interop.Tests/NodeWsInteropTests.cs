using System.Threading.Tasks;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Interop.Tests;

/// <summary>Our client against Node's ws package (servers/ws-server.js).</summary>
public class NodeWsInteropTests : IClassFixture<NodeServerFixture>
{
    private const string SecretKey = "sk-node-NEVER-PRINT-THIS-987654321";

    private readonly NodeServerFixture _servers;

    public NodeWsInteropTests(NodeServerFixture servers)
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
    public async Task FragmentedMessage_WithPingsBetweenFragments_IsJoined_AndEveryPingAnswered(bool compression)
    {
        await using WebSocketConnection connection = await Client.ConnectAsync(_servers.Get(compression).Url("/fragments"), Client.Options(compression));

        WebSocketReceivedMessage message = await Client.ReceiveAsync(connection);
        Assert.Equal("{\"type\":\"response.output_text.delta\",\"delta\":\"fragmented über ping\"}", Client.Utf8(message.Payload));

        // The server reports how many of its four pings came back as pongs.
        Assert.Equal("pongs:4", Client.Utf8((await Client.ReceiveAsync(connection)).Payload));
        await connection.CloseAsync();
    }

    [Theory]
    [InlineData(1000, "")]
    [InlineData(4003, "node says bye")]
    public async Task ServerInitiatedClose_ReportsCodeAndReason(int code, string reason)
    {
        await using WebSocketConnection connection = await Client.ConnectAsync(
            _servers.Plain.Url($"/close?code={code}&reason={System.Uri.EscapeDataString(reason)}"), Client.Options());
        WebSocketReceivedMessage close = await Client.ReceiveAsync(connection);
        Assert.True(close.IsClose);
        Assert.Equal((WebSocketCloseCode)code, close.CloseStatus);
        Assert.Equal(reason, close.CloseReason);
        await connection.Completion.WaitAsync(Client.Deadline);
    }

    [Fact]
    public async Task StreamOfEvents_ArrivesInOrder()
    {
        await using WebSocketConnection connection = await Client.ConnectAsync(_servers.Deflate.Url("/stream?n=5000"), Client.Options(compression: true));
        for (int i = 0; i < 5000; i++)
        {
            Assert.Equal($"{{\"type\":\"response.output_text.delta\",\"delta\":\"{i}\"}}", Client.Utf8((await Client.ReceiveAsync(connection)).Payload));
        }

        Assert.Equal("{\"type\":\"response.completed\"}", Client.Utf8((await Client.ReceiveAsync(connection)).Payload));
        await connection.CloseAsync();
    }

    [Fact]
    public async Task Refusal401_IsTypedWithStatusAndBody_AndNeverCarriesTheKey()
    {
        var error = await Assert.ThrowsAsync<WebSocketHandshakeException>(
            () => Client.ConnectAsync(_servers.Plain.Url("/reject401"), Client.Options(configure: o => o.ApiKey = SecretKey)));
        Assert.Equal(401, error.StatusCode);
        Assert.Equal("Unauthorized", error.ReasonPhrase);
        Assert.Contains("Incorrect API key provided", error.Body, System.StringComparison.Ordinal);
        Assert.Contains("Bearer [redacted]", error.Body, System.StringComparison.Ordinal);
        Assert.DoesNotContain(SecretKey, error.ToString(), System.StringComparison.Ordinal);
        Assert.DoesNotContain(SecretKey, error.Body, System.StringComparison.Ordinal);
    }
}
