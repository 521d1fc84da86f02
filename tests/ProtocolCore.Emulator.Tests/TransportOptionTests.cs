using System;
using System.Collections.Generic;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Emulator.Tests;

public class TransportOptionTests
{
    [Fact]
    public async Task NegotiatesPerMessageDeflateWhenEnabledAndOffered()
    {
        await using EmulatorServer server = await TestServers.StartAsync(o => o.EnablePerMessageDeflate = true);
        using var timeout = new CancellationTokenSource(TestServers.Timeout);

        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + TestServers.ApiKey);
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
        await socket.ConnectAsync(server.WebSocketUri, timeout.Token);

        Assert.True(socket.HttpResponseHeaders!.TryGetValue("Sec-WebSocket-Extensions", out IEnumerable<string>? extensions));
        Assert.Contains("permessage-deflate", string.Join(",", extensions), StringComparison.Ordinal);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
    }

    [Fact]
    public async Task TheDefaultCostModelStillProducesTheSameStream()
    {
        // No timing assertion: this runs the delay path and checks it changes nothing but time.
        await using EmulatorServer server = await TestServers.StartAsync(o =>
        {
            o.CostModel = EmulatorCostModel.Default with { PerOutputToken = TimeSpan.FromMicroseconds(200) };
            o.PersistedLookupDelay = TimeSpan.FromMilliseconds(5);
        });
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);

        List<ReceivedEvent> first = await client.CreateAsync(ScriptedTaskDriver.Request(ScriptedTaskDriver.FirstInput(), store: true), timeout.Token);
        EventAssertions.WellFormed(first);
        var calls = ScriptedTaskDriver.Calls(ScriptedTaskDriver.Terminal(first));
        Assert.Equal(2, calls.Count);

        await using WsTestClient other = await WsTestClient.ConnectAsync(server, timeout.Token);
        List<ReceivedEvent> persisted = await other.CreateAsync(
            ScriptedTaskDriver.Request(ScriptedTaskDriver.Outputs(new ScriptedTools(), calls), ScriptedTaskDriver.Terminal(first).Id, store: true),
            timeout.Token);
        EventAssertions.WellFormed(persisted);
        Assert.Equal(1, server.Counters.PersistedStoreHits);
    }
}
