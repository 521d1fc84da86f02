using System;
using System.IO;
using System.Threading.Tasks;
using ProtocolCore.Cli.Commands;
using ProtocolCore.Client;

namespace ProtocolCore.Tests.Secrets;

/// <summary><c>protocolcore run</c> and <c>protocolcore connect</c> against a server that echoes the key: not on stdout, not on stderr.</summary>
public sealed class EchoedKeyCliTests
{
    private const string CanaryKey = EchoedKeyClientTests.CanaryKey;

    [Theory]
    [InlineData(KeyEcho.ErrorEvent, ResponsesTransportMode.WebSocket)]
    [InlineData(KeyEcho.ErrorEvent, ResponsesTransportMode.Http)]
    [InlineData(KeyEcho.UpgradeRequired, ResponsesTransportMode.WebSocket)]
    [InlineData(KeyEcho.RefusedUpgrade, ResponsesTransportMode.WebSocket)]
    [InlineData(KeyEcho.SseErrorEvent, ResponsesTransportMode.Http)]
    public async Task RunPrintsTheErrorWithoutTheKey(KeyEcho echo, ResponsesTransportMode mode)
    {
        await using KeyEchoingServer server = await KeyEchoingServer.StartAsync(echo);
        var output = new StringWriter();
        var errors = new StringWriter();

        int exit = await RunCommand.RunAsync(EchoedKeyClientTests.Options(server), "gpt-5.5", "hi", mode, output, errors, EchoedKeyClientTests.Timeout());

        Assert.Equal(1, exit);
        Assert.StartsWith("error: ", errors.ToString(), StringComparison.Ordinal);
        Assert.Contains("[redacted]", errors.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(CanaryKey, output.ToString() + errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(KeyEcho.ErrorEvent, "{\"type\":\"error\",\"status\":401,\"error\":{\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\",\"message\":\"Incorrect API key provided: [redacted].")]
    [InlineData(KeyEcho.RefusedUpgrade, "handshake failed: The server refused the WebSocket upgrade with HTTP 401 Bad key [redacted].")]
    [InlineData(KeyEcho.CloseReason, "close: 1008 invalid key [redacted]")]
    public async Task ConnectPrintsMessagesAndTheCloseWithoutTheKey(KeyEcho echo, string expected)
    {
        await using KeyEchoingServer server = await KeyEchoingServer.StartAsync(echo);
        var output = new StringWriter();
        var errors = new StringWriter();
        var session = new ConnectSession(output, errors) { ApiKey = CanaryKey, UntilDone = true };

        int exit = await session.RunAsync(server.WebSocketUri, new StringReader("{\"type\":\"response.create\",\"model\":\"gpt-5.5\"}\n"), EchoedKeyClientTests.Timeout());

        Assert.Equal(echo == KeyEcho.ErrorEvent ? ConnectSession.Success : ConnectSession.Failure, exit);
        Assert.Contains(expected, output.ToString() + errors, StringComparison.Ordinal);
        Assert.DoesNotContain(CanaryKey, output.ToString() + errors, StringComparison.Ordinal);
    }
}
