using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Requests;

namespace ProtocolCore.Emulator.Tests;

public class HttpModeTests
{
    [Fact]
    public async Task SseCarriesTheSameEventsAsTheWebSocket()
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        using var http = new HttpClient();

        (List<List<ReceivedEvent>> overHttp, List<int> sent) = await ScriptedTaskDriver.RunOverHttpAsync(http, server, timeout.Token);
        List<List<ReceivedEvent>> overWebSocket;
        await using (WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token))
        {
            overWebSocket = await ScriptedTaskDriver.RunOverWebSocketAsync(client, timeout.Token);
        }

        Assert.Equal(ScriptedCodingAgent.TurnCount, overHttp.Count);
        for (int i = 0; i < overHttp.Count; i++)
        {
            EventAssertions.WellFormed(overHttp[i]);
            Assert.Equal(EventAssertions.Types(overWebSocket[i]), EventAssertions.Types(overHttp[i]));
        }

        // HTTP mode resends the whole context: the upload grows every turn, and nothing comes from a cache.
        for (int i = 1; i < sent.Count; i++)
        {
            Assert.True(sent[i] > sent[i - 1], $"turn {i}: {sent[i]} bytes after {sent[i - 1]}");
        }

        Assert.All(overHttp, t => Assert.Equal(0, ScriptedTaskDriver.Terminal(t).Usage!.InputTokensDetails!.CachedTokens));

        // The same logical context is billed the same in both modes.
        Assert.Equal(
            overWebSocket.Select(t => ScriptedTaskDriver.Terminal(t).Usage!.OutputTokens),
            overHttp.Select(t => ScriptedTaskDriver.Terminal(t).Usage!.OutputTokens));
    }

    [Fact]
    public async Task ChainsStoredResponsesThroughThePersistedStore()
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        using var http = new HttpClient();

        (List<ReceivedEvent> first, _) = await SseTestClient.StreamAsync(http, server, ScriptedTaskDriver.Request(ScriptedTaskDriver.FirstInput(), store: true), timeout.Token);
        string id = ScriptedTaskDriver.Terminal(first).Id!;
        var calls = ScriptedTaskDriver.Calls(ScriptedTaskDriver.Terminal(first));
        (List<ReceivedEvent> second, _) = await SseTestClient.StreamAsync(http, server, ScriptedTaskDriver.Request(ScriptedTaskDriver.Outputs(new ScriptedTools(), calls), id, store: true), timeout.Token);

        EventAssertions.WellFormed(second);
        Assert.Equal("run_tests", Assert.Single(ScriptedTaskDriver.Calls(ScriptedTaskDriver.Terminal(second))).Name);
        Assert.Equal(1, server.Counters.PersistedStoreHits);

        using HttpRequestMessage missing = SseTestClient.Post(server, WsTestClient.Encode(ScriptedTaskDriver.Request([], "resp_missing")));
        using HttpResponseMessage response = await http.SendAsync(missing, timeout.Token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(timeout.Token));
        Assert.Equal("previous_response_not_found", body.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task NonStreamingPostReturnsTheResponseObject()
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        using var http = new HttpClient();

        using HttpRequestMessage request = SseTestClient.Post(server, WsTestClient.Encode(ScriptedTaskDriver.Request(ScriptedTaskDriver.FirstInput())));
        using HttpResponseMessage response = await http.SendAsync(request, timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(timeout.Token));
        Assert.Equal("response", body.RootElement.GetProperty("object").GetString());
        Assert.Equal("completed", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(3, body.RootElement.GetProperty("output").GetArrayLength());
    }

    [Fact]
    public async Task RejectsABadKeyWithoutEchoingIt()
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        using var http = new HttpClient();

        using HttpRequestMessage request = SseTestClient.Post(server, "{}", apiKey: "sk-secret-wrong-key");
        using HttpResponseMessage response = await http.SendAsync(request, timeout.Token);
        string body = await response.Content.ReadAsStringAsync(timeout.Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("sk-secret", body, StringComparison.Ordinal);
        using JsonDocument json = JsonDocument.Parse(body);
        Assert.Equal("invalid_api_key", json.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task AbruptCloseResetsTheSseStream()
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        using var http = new HttpClient();

        ResponseCreateRequest request = ScriptedTaskDriver.Request(ScriptedTaskDriver.FirstInput());
        request.Metadata = new() { [EmulatorFaults.Key] = "abrupt_close" };
        request.Stream = true;
        using HttpRequestMessage message = SseTestClient.Post(server, WsTestClient.Encode(request));

        // The connection is reset mid-stream: reading fails and no terminal event ever arrives. (How many events
        // arrive before the reset is best effort, so it is not asserted.)
        var events = new List<ReceivedEvent>();
        Exception? failure = null;
        try
        {
            using HttpResponseMessage response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            using System.IO.Stream stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            await SseTestClient.ParseAsync(stream, timeout.Token, events);
        }
        catch (Exception e) when (e is HttpRequestException or System.IO.IOException)
        {
            failure = e;
        }

        Assert.NotNull(failure);
        Assert.DoesNotContain(events, e => e.IsTerminal);
    }

    [Fact]
    public async Task FaultsApplyToSseToo()
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        using var http = new HttpClient();

        ResponseCreateRequest request = ScriptedTaskDriver.Request(ScriptedTaskDriver.FirstInput());
        request.Metadata = new() { [EmulatorFaults.Key] = "response_failed" };
        (List<ReceivedEvent> events, _) = await SseTestClient.StreamAsync(http, server, request, timeout.Token);

        EventAssertions.WellFormed(events, "response.failed");
    }
}
