using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Cli.Commands;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Interop.Tests;

/// <summary><c>protocolcore connect</c> against Kestrel and the scripted server.</summary>
public class ConnectCommandTests : IClassFixture<KestrelServerFixture>
{
    private readonly KestrelServer _server;

    public ConnectCommandTests(KestrelServerFixture fixture)
    {
        _server = fixture.Server;
    }

    [Fact]
    public async Task UntilDone_SendsEachLine_PrintsEachMessage_AndExitsZeroAfterTheLastTerminalEvent()
    {
        // The echo server answers each request with itself, so each line is its own terminal event.
        string lines = """
            {"type":"response.completed","response":{"id":"resp_1"}}

            {"type":"error","error":{"message":"x"}}
            {"type":"response.failed","response":{"id":"resp_2"}}
            """;

        var (code, output, errors) = await RunAsync(_server.Ws("/echo"), lines, untilDone: true);

        Assert.Equal(0, code);
        Assert.Equal(
            "{\"type\":\"response.completed\",\"response\":{\"id\":\"resp_1\"}}\n{\"type\":\"error\",\"error\":{\"message\":\"x\"}}\n{\"type\":\"response.failed\",\"response\":{\"id\":\"resp_2\"}}\n",
            output.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal("close: 1000", errors.Trim());
    }

    [Fact]
    public async Task PeerClosesNormally_ExitsZero_AndPrintsTheClose()
    {
        var (code, _, errors) = await RunAsync(_server.Ws("/close?code=1000&reason=bye"), input: null, untilDone: false);
        Assert.Equal(0, code);
        Assert.Equal("close: 1000 bye", errors.Trim());
    }

    [Fact]
    public async Task PeerClosesWithAnotherCode_ExitsNonZero()
    {
        var (code, _, errors) = await RunAsync(_server.Ws("/close?code=4001&reason=nope"), input: null, untilDone: false);
        Assert.Equal(1, code);
        Assert.Equal("close: 4001 nope", errors.Trim());
    }

    [Fact]
    public async Task ProtocolError_ExitsNonZero_WithTheReason()
    {
        using var server = new ScriptedServer(stream =>
        {
            stream.Write(ScriptedServer.Text("{\"type\":\"response.created\"}"));
            stream.Write(ScriptedServer.Frame(WebSocketOpcode.Text, [0xC0, 0x80]));
            ScriptedServer.ReadClose(stream);
        });

        var (code, output, errors) = await RunAsync(server.Url, input: null, untilDone: false);
        Assert.Equal(1, code);
        Assert.Equal("{\"type\":\"response.created\"}", output.Trim());
        Assert.Equal("protocol error: Text message is not valid UTF-8. (closed with 1007)", errors.Trim());
    }

    [Fact]
    public async Task RefusedUpgrade_ExitsNonZero_WithStatusAndBody()
    {
        var (code, _, errors) = await RunAsync(_server.Ws("/reject426"), input: null, untilDone: false);
        Assert.Equal(1, code);
        Assert.Contains("HTTP 426", errors, StringComparison.Ordinal);
        Assert.Contains("Upgrade required", errors, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Errors)> RunAsync(Uri url, string? input, bool untilDone)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var session = new ConnectSession(output, errors)
        {
            UntilDone = untilDone,
            Configure = o => o.UseEnvironmentProxy = false,
        };
        using var reader = input is null ? null : new StringReader(input);
        using var timeout = new CancellationTokenSource(Client.Deadline);
        int code = await session.RunAsync(url, reader, timeout.Token).WaitAsync(Client.Deadline);
        return (code, output.ToString(), errors.ToString());
    }
}
