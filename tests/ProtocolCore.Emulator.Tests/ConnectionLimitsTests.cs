using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.WebSockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Emulator.Tests;

public class ConnectionLimitsTests
{
    [Fact]
    public async Task ManyConnectionsRunTheTaskConcurrently()
    {
        const int Connections = 16;
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);

        List<List<ReceivedEvent>>[] runs = await Task.WhenAll(Enumerable.Range(0, Connections).Select(async _ =>
        {
            await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);
            return await ScriptedTaskDriver.RunOverWebSocketAsync(client, timeout.Token);
        }));

        Assert.All(runs, turns =>
        {
            Assert.Equal(ScriptedCodingAgent.TurnCount, turns.Count);
            Assert.All(turns, t => EventAssertions.WellFormed(t));
        });
        Assert.Equal(Connections * ScriptedCodingAgent.TurnCount, server.Counters.Responses);
        Assert.Equal(Connections * (ScriptedCodingAgent.TurnCount - 1), server.Counters.ConnectionCacheHits);
        Assert.Equal(Connections * ScriptedCodingAgent.TurnCount, runs.SelectMany(r => r).Select(t => ScriptedTaskDriver.Terminal(t).Id).Distinct().Count());
    }

    [Fact]
    public async Task BinaryMessagesAreRejectedAndOversizedMessagesClose1009()
    {
        await using EmulatorServer server = await TestServers.StartAsync(o => o.MaxMessageBytes = 4096);
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);

        await client.Socket.SendAsync(Encoding.UTF8.GetBytes("{\"type\":\"response.create\"}"), WebSocketMessageType.Binary, true, timeout.Token);
        ReceivedEvent binary = (await client.ReceiveAsync(timeout.Token))!;
        Assert.Equal("invalid_message_type", binary.Root.GetProperty("error").GetProperty("code").GetString());

        Assert.Equal(0, server.Counters.MessagesTooLarge);

        // Sent in fragments: the limit applies to the assembled message.
        byte[] chunk = Encoding.UTF8.GetBytes(new string(' ', 3000));
        await client.Socket.SendAsync(chunk, WebSocketMessageType.Text, false, timeout.Token);
        await client.Socket.SendAsync(chunk, WebSocketMessageType.Text, true, timeout.Token);
        ReceivedEvent tooLarge = (await client.ReceiveAsync(timeout.Token))!;
        Assert.Equal("message_too_large", tooLarge.Root.GetProperty("error").GetProperty("code").GetString());
        Assert.Null(await client.ReceiveAsync(timeout.Token));
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, client.Socket.CloseStatus);
        Assert.Equal(1, server.Counters.MessagesTooLarge);
    }

    [Fact]
    public async Task OversizedHttpBodiesGet413AndAreCounted()
    {
        await using EmulatorServer server = await TestServers.StartAsync(o => o.MaxMessageBytes = 4096);
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        using var http = new System.Net.Http.HttpClient();
        using var request = new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Post, server.ResponsesUri)
        {
            Content = new System.Net.Http.StringContent("{\"model\":\"gpt-5.5\",\"input\":\"" + new string('x', 5000) + "\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestServers.ApiKey);

        using System.Net.Http.HttpResponseMessage response = await http.SendAsync(request, timeout.Token);

        Assert.Equal(System.Net.HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(1, server.Counters.MessagesTooLarge);
        Assert.Equal(0, server.Counters.Responses);
    }
}
