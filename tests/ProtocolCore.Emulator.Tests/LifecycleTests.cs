using System;
using System.Net;
using System.Net.Http;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Emulator.Tests;

public class LifecycleTests
{
    [Fact]
    public async Task TheAgeLimitSendsTheLimitErrorThenCloses()
    {
        await using EmulatorServer server = await TestServers.StartAsync(o =>
        {
            o.ConnectionAgeLimit = TimeSpan.FromSeconds(2);
            o.AgeLimitCloseStatus = WebSocketCloseStatus.EndpointUnavailable;
        });
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);

        // A turn before the limit works normally.
        EventAssertions.WellFormed(await client.CreateAsync(ScriptedTaskDriver.Request(ScriptedTaskDriver.FirstInput()), timeout.Token));

        ReceivedEvent limit = (await client.ReceiveAsync(timeout.Token))!;
        Assert.Equal("error", limit.Type);
        Assert.Equal(400, limit.Root.GetProperty("status").GetInt32());
        Assert.Equal("websocket_connection_limit_reached", limit.Root.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("invalid_request_error", limit.Root.GetProperty("error").GetProperty("type").GetString());

        Assert.Null(await client.ReceiveAsync(timeout.Token));
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, client.Socket.CloseStatus);
    }

    [Fact]
    public async Task RefusalModeAnswers426AndHttpModeStillWorks()
    {
        await using EmulatorServer server = await TestServers.StartAsync(o => o.RefuseWebSocketUpgrade = true);
        using var timeout = new CancellationTokenSource(TestServers.Timeout);

        WebSocketException refused = await Assert.ThrowsAsync<WebSocketException>(() => WsTestClient.ConnectAsync(server, timeout.Token));
        Assert.NotNull(refused);
        Assert.Equal(1, server.Counters.RefusedUpgrades);

        using var http = new HttpClient();
        (var events, _) = await SseTestClient.StreamAsync(http, server, ScriptedTaskDriver.Request(ScriptedTaskDriver.FirstInput()), timeout.Token);
        EventAssertions.WellFormed(events);
    }

    [Fact]
    public async Task StoppingTheServerClosesOpenSockets()
    {
        EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);

        Task<ReceivedEvent?> receive = client.ReceiveAsync(timeout.Token);
        Task stopped = server.DisposeAsync().AsTask();

        Assert.Null(await receive);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, client.Socket.CloseStatus);

        // Completing the close handshake lets the server finish its shutdown at once.
        await client.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
        await stopped;
    }

    [Fact]
    public async Task BindsAnEphemeralLoopbackPort()
    {
        await using EmulatorServer a = await TestServers.StartAsync();
        await using EmulatorServer b = await TestServers.StartAsync();

        Assert.NotEqual(a.Port, b.Port);
        Assert.Equal(IPAddress.Loopback.ToString(), a.BaseAddress.Host);
        Assert.Equal($"ws://127.0.0.1:{a.Port}/v1/responses", a.WebSocketUri.ToString());
        Assert.Contains(a.WebSocketUri.ToString(), a.Describe(), StringComparison.Ordinal);
    }
}
