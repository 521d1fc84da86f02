using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using ProtocolCore.Client;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Extensions.Hosting.Tests;

/// <summary>
/// Both transports send the configured extra headers and the <c>User-Agent</c>; a server that echoes the credentials in
/// its refusals gets none of them into a log entry.
/// </summary>
public sealed class HeaderTests
{
    [Fact]
    public async Task ExtraHeadersAndTheUserAgentReachBothTransportsAndEchoedSecretsStayOutOfTheLogs()
    {
        await using var server = HeaderCapturingServer.Start($"{HostingTestHost.ApiKey} and {HostingTestHost.GatewayKey}");
        var logs = new CapturingLoggerProvider();
        await using ServiceProvider provider = HostingTestHost.Build(server.BaseUrl, logs, o =>
        {
            o.ApplicationId = "hosting-tests";
            o.MaxReconnectAttempts = 1;
            o.WebSocket.Headers.Add(new("OpenAI-Beta", "responses_websockets=2026-02-06"));
        });
        await using ResponsesSession session = provider.GetRequiredService<ResponsesClient>().CreateSession(HostingTestHost.Template());

        ResponsesApiException refused = await Assert.ThrowsAsync<ResponsesApiException>(() => session.CompleteTurnAsync(HostingTestHost.FirstInput(), HostingTestHost.Timeout()));

        // Two refused upgrades (the first try and one retry), then HTTP mode's POST.
        Assert.Equal(401, refused.Status);
        Assert.Equal(ResponsesTransportMode.Http, session.Mode);
        string[] heads = [.. server.Heads];
        Assert.Equal(["GET", "GET", "POST"], heads.Select(h => h[..h.IndexOf(' ', StringComparison.Ordinal)]));
        foreach (string head in heads)
        {
            Assert.Equal("responses_websockets=2026-02-06", HeaderCapturingServer.Header(head, "OpenAI-Beta"));
            Assert.Equal(HostingTestHost.GatewayKey, HeaderCapturingServer.Header(head, "X-Gateway-Api-Key"));
            Assert.Equal("Bearer " + HostingTestHost.ApiKey, HeaderCapturingServer.Header(head, "Authorization"));
            string agent = HeaderCapturingServer.Header(head, "User-Agent")!;
            Assert.StartsWith("hosting-tests ProtocolCore/", agent, StringComparison.Ordinal);
            Assert.Contains("(.NET ", agent, StringComparison.Ordinal);
        }

        // What was logged: both failed connects (the second gives up) and the fallback, each with the refusal.
        Assert.Equal([true, false], logs.WithEventId(2).Select(e => e.Message.EndsWith("will retry: True.", StringComparison.Ordinal)));
        Assert.Single(logs.WithEventId(6));
        Assert.All(logs.WithEventId(2), e =>
        {
            // A structured sink may write the refusal's properties too: they are redacted as well.
            var refusal = Assert.IsType<WebSocketHandshakeException>(e.Exception);
            Assert.Equal(503, refusal.StatusCode);
            Assert.Contains("[redacted]", refusal.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(HostingTestHost.ApiKey, refusal.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(HostingTestHost.GatewayKey, refusal.Body, StringComparison.Ordinal);
            Assert.All(refusal.Headers, h => Assert.DoesNotContain(HostingTestHost.GatewayKey, h.Value, StringComparison.Ordinal));
        });
        logs.AssertNoSecret(HostingTestHost.ApiKey, HostingTestHost.GatewayKey);
        Assert.DoesNotContain(HostingTestHost.ApiKey, refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AUserAgentAmongTheHeadersReplacesTheLibrarysOnBothTransports()
    {
        await using var server = HeaderCapturingServer.Start("no secret");
        await using ServiceProvider provider = HostingTestHost.Build(server.BaseUrl, new CapturingLoggerProvider(), o =>
        {
            o.MaxReconnectAttempts = 0;
            o.WebSocket.Headers.Add(new("User-Agent", "my-gateway/1.0"));
        });
        await using ResponsesSession session = provider.GetRequiredService<ResponsesClient>().CreateSession(HostingTestHost.Template());

        await Assert.ThrowsAsync<ResponsesApiException>(() => session.CompleteTurnAsync(HostingTestHost.FirstInput(), HostingTestHost.Timeout()));

        string[] heads = [.. server.Heads];
        Assert.Equal(2, heads.Length);
        Assert.All(heads, head => Assert.Equal("my-gateway/1.0", HeaderCapturingServer.Header(head, "User-Agent")));
        Assert.All(heads, head => Assert.Single(head.Split("\r\n"), line => line.StartsWith("User-Agent:", StringComparison.OrdinalIgnoreCase)));
    }
}
