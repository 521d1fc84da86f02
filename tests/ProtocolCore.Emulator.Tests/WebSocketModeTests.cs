using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Models;
using ProtocolCore.Requests;

namespace ProtocolCore.Emulator.Tests;

public class WebSocketModeTests
{
    [Fact]
    public async Task RefusesTheUpgradeWithoutAnAcceptedKey()
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);

        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer sk-wrong-key");
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(server.WebSocketUri, timeout.Token));
        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);

        using var anonymous = new ClientWebSocket();
        anonymous.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => anonymous.ConnectAsync(server.WebSocketUri, timeout.Token));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.HttpStatusCode);
        Assert.Equal(2, server.Counters.Unauthorized);
        Assert.Equal(0, server.Counters.WebSocketConnections);
    }

    [Fact]
    public async Task RunsTheWholeTaskWithChainingAndIncrementalInput()
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);

        List<List<ReceivedEvent>> turns = await ScriptedTaskDriver.RunOverWebSocketAsync(client, timeout.Token);

        Assert.Equal(ScriptedCodingAgent.TurnCount, turns.Count);
        Assert.Equal(ScriptedCodingAgent.TotalToolCalls, turns.Sum(t => ScriptedTaskDriver.Calls(ScriptedTaskDriver.Terminal(t)).Count));
        foreach (List<ReceivedEvent> turn in turns)
        {
            EventAssertions.WellFormed(turn);
            Assert.Equal("response.in_progress", turn[1].Type);
            Assert.Equal("reasoning", turn[2].Root.GetProperty("item").GetProperty("type").GetString());
        }

        // Every continuation hit the connection-local cache, and its usage says so.
        Assert.Equal(turns.Count - 1, server.Counters.ConnectionCacheHits);
        Assert.Equal(0, server.Counters.PersistedStoreHits);
        for (int i = 0; i < turns.Count; i++)
        {
            ResponseUsage usage = ScriptedTaskDriver.Terminal(turns[i]).Usage!;
            int cached = usage.InputTokensDetails!.CachedTokens!.Value;
            Assert.True(i == 0 ? cached == 0 : cached > 0 && cached < usage.InputTokens, $"turn {i}: cached {cached} of {usage.InputTokens}");
            Assert.True(usage.OutputTokens > usage.OutputTokensDetails!.ReasoningTokens);
        }

        // Function calls stream their arguments in chunks; done events carry the name.
        List<ReceivedEvent> first = turns[0];
        Assert.True(first.Count(e => e.Type == "response.function_call_arguments.delta") > 2);
        Assert.All(first.Where(e => e.Type == "response.function_call_arguments.done"), e => Assert.Equal("list_dir", e.Root.GetProperty("name").GetString()));

        // The final turn is a text message with escapes, quotes, newlines and non-ASCII text, deltas summing to it.
        List<ReceivedEvent> last = turns[^1];
        Assert.Equal(
            ["response.created", "response.in_progress", "response.output_item.added", "response.output_item.done", "response.output_item.added", "response.content_part.added"],
            EventAssertions.Types(last.Take(6)));
        string text = string.Concat(last.Where(e => e.Type == "response.output_text.delta").Select(e => e.Root.GetProperty("delta").GetString()));
        Assert.Equal(ScriptedCodingAgent.FinalMessage, text);
        Assert.Equal(ScriptedCodingAgent.FinalMessage, last.Single(e => e.Type == "response.output_text.done").Root.GetProperty("text").GetString());
        Assert.Contains("\\\"", last.Single(e => e.Type == "response.output_text.done").Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPreviousResponseIsRejectedBeforeAnyResponse()
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);

        List<ReceivedEvent> events = await client.CreateAsync(ScriptedTaskDriver.Request(ScriptedTaskDriver.FirstInput(), "resp_missing"), timeout.Token);

        ReceivedEvent error = Assert.Single(events);
        Assert.Equal("error", error.Type);
        Assert.Equal(400, error.Root.GetProperty("status").GetInt32());
        JsonElement payload = error.Root.GetProperty("error");
        Assert.Equal("invalid_request_error", payload.GetProperty("type").GetString());
        Assert.Equal("previous_response_not_found", payload.GetProperty("code").GetString());
        Assert.Equal("previous_response_id", payload.GetProperty("param").GetString());
        Assert.Contains("resp_missing", payload.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, server.Counters.Responses);
    }

    [Fact]
    public async Task OnlyTheMostRecentResponseIsCached()
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);

        string first = ScriptedTaskDriver.Terminal(await client.CreateAsync(ScriptedTaskDriver.Request(ScriptedTaskDriver.FirstInput()), timeout.Token)).Id!;
        string second = ScriptedTaskDriver.Terminal(await client.CreateAsync(ScriptedTaskDriver.Request(ScriptedTaskDriver.FirstInput()), timeout.Token)).Id!;

        // store=false: the older response is gone from the single slot and there is no persisted fallback.
        List<ReceivedEvent> stale = await client.CreateAsync(ScriptedTaskDriver.Request([], first), timeout.Token);
        Assert.Equal("previous_response_not_found", Assert.Single(stale).Root.GetProperty("error").GetProperty("code").GetString());

        List<ReceivedEvent> fresh = await client.CreateAsync(ScriptedTaskDriver.Request([], second), timeout.Token);
        EventAssertions.WellFormed(fresh);
    }

    [Fact]
    public async Task StoredResponsesAreHydratedFromThePersistedStoreOnAnotherConnection()
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);

        string stored;
        string unstored;
        await using (WsTestClient first = await WsTestClient.ConnectAsync(server, timeout.Token))
        {
            unstored = ScriptedTaskDriver.Terminal(await first.CreateAsync(ScriptedTaskDriver.Request(ScriptedTaskDriver.FirstInput(), store: false), timeout.Token)).Id!;
            stored = ScriptedTaskDriver.Terminal(await first.CreateAsync(ScriptedTaskDriver.Request(ScriptedTaskDriver.FirstInput(), store: true), timeout.Token)).Id!;
        }

        await using WsTestClient second = await WsTestClient.ConnectAsync(server, timeout.Token);
        List<ReceivedEvent> hydrated = await second.CreateAsync(ScriptedTaskDriver.Request([], stored, store: true), timeout.Token);
        EventAssertions.WellFormed(hydrated);
        Assert.Equal(1, server.Counters.PersistedStoreHits);
        Assert.Equal(0, ScriptedTaskDriver.Terminal(hydrated).Usage!.InputTokensDetails!.CachedTokens);

        // With store=false there is no persisted fallback, even for a stored parent.
        List<ReceivedEvent> zdr = await second.CreateAsync(ScriptedTaskDriver.Request([], stored, store: false), timeout.Token);
        Assert.Equal("previous_response_not_found", Assert.Single(zdr).Root.GetProperty("error").GetProperty("code").GetString());

        List<ReceivedEvent> never = await second.CreateAsync(ScriptedTaskDriver.Request([], unstored, store: true), timeout.Token);
        Assert.Equal("previous_response_not_found", Assert.Single(never).Root.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task WarmUpReturnsAnEmptyCompletedResponseAndFillsTheCache()
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);

        ResponseCreateRequest warm = ScriptedTaskDriver.Request(ScriptedTaskDriver.FirstInput());
        warm.Generate = false;
        List<ReceivedEvent> events = await client.CreateAsync(warm, timeout.Token);

        Assert.Equal(["response.created", "response.completed"], EventAssertions.Types(events));
        Assert.Equal([0, 1], events.Select(e => e.SequenceNumber!.Value));
        Response response = ScriptedTaskDriver.Terminal(events);
        Assert.Equal(ResponseStatus.Completed, response.Status!.Value.Value);
        Assert.Empty(response.Output!);
        Assert.Equal(0, response.Usage!.InputTokens);
        Assert.Equal(0, response.Usage.OutputTokens);
        Assert.Equal(0, response.Usage.TotalTokens);

        // The next turn chains from the warm-up id, starts from the cache, and is the script's first turn.
        List<ReceivedEvent> next = await client.CreateAsync(ScriptedTaskDriver.Request([], response.Id), timeout.Token);
        EventAssertions.WellFormed(next);
        Response first = ScriptedTaskDriver.Terminal(next);
        Assert.True(first.Usage!.InputTokensDetails!.CachedTokens > 0);
        Assert.Equal(["list_dir", "list_dir"], ScriptedTaskDriver.Calls(first).Select(c => c.Name));
    }

    [Fact]
    public async Task CreatesSentBackToBackAreQueuedAndRunInOrder()
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);

        var first = ScriptedTaskDriver.Request(ScriptedTaskDriver.FirstInput());
        first.Metadata = new() { ["n"] = "1" };
        var second = ScriptedTaskDriver.Request(ScriptedTaskDriver.FirstInput());
        second.Metadata = new() { ["n"] = "2" };
        await client.SendAsync(first, timeout.Token);
        await client.SendAsync(second, timeout.Token);

        List<ReceivedEvent> a = await client.ReadResponseAsync(timeout.Token);
        List<ReceivedEvent> b = await client.ReadResponseAsync(timeout.Token);
        EventAssertions.WellFormed(a);
        EventAssertions.WellFormed(b);
        Assert.Equal("1", a[0].Root.GetProperty("response").GetProperty("metadata").GetProperty("n").GetString());
        Assert.Equal("2", b[0].Root.GetProperty("response").GetProperty("metadata").GetProperty("n").GetString());
        Assert.NotEqual(ScriptedTaskDriver.Terminal(a).Id, ScriptedTaskDriver.Terminal(b).Id);
    }

    [Fact]
    public async Task MalformedAndUnknownMessagesGetNestedErrors()
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);

        await client.SendRawAsync("{\"type\":\"response.create\",", timeout.Token);
        ReceivedEvent invalid = (await client.ReceiveAsync(timeout.Token))!;
        Assert.Equal("invalid_json", invalid.Root.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(400, invalid.Root.GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.Null, invalid.Root.GetProperty("error").GetProperty("param").ValueKind);

        await client.SendRawAsync("{\"type\":\"response.cancel\"}", timeout.Token);
        ReceivedEvent unknown = (await client.ReceiveAsync(timeout.Token))!;
        Assert.Equal("unknown_event_type", unknown.Root.GetProperty("error").GetProperty("code").GetString());

        await client.SendRawAsync("{\"type\":\"response.create\",\"background\":true,\"input\":\"hi\"}", timeout.Token);
        ReceivedEvent background = (await client.ReceiveAsync(timeout.Token))!;
        Assert.Equal("background", background.Root.GetProperty("error").GetProperty("param").GetString());

        // stream:true is tolerated, and the connection still works after the errors.
        List<ReceivedEvent> ok = await client.CreateAsync(new ResponseCreateRequest { Input = "hi", Stream = true, Store = false }, timeout.Token);
        EventAssertions.WellFormed(ok);
    }

    [Fact]
    public async Task LanesRunSeparatelyAndAreValidated()
    {
        await using EmulatorServer server = await TestServers.StartAsync(o => o.MaxNamedLanes = 2);
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);

        foreach (string lane in new[] { "agent_1", "agent.2" })
        {
            ResponseCreateRequest request = ScriptedTaskDriver.Request(ScriptedTaskDriver.FirstInput());
            request.StreamId = lane;
            await client.SendAsync(request, timeout.Token);
        }

        // Events of the two lanes may interleave: group them by stream_id.
        var byLane = new Dictionary<string, List<ReceivedEvent>>();
        while (byLane.Values.Count(v => v[^1].IsTerminal) < 2)
        {
            ReceivedEvent e = (await client.ReceiveAsync(timeout.Token))!;
            string lane = e.Root.GetProperty("stream_id").GetString()!;
            (byLane.TryGetValue(lane, out List<ReceivedEvent>? list) ? list : byLane[lane] = new()).Add(e);
        }

        foreach (List<ReceivedEvent> events in byLane.Values)
        {
            EventAssertions.WellFormed(events);
        }

        // Each lane keeps its own slot: lane 1 continues from its own response.
        ResponseCreateRequest next = ScriptedTaskDriver.Request([], ScriptedTaskDriver.Terminal(byLane["agent_1"]).Id);
        next.StreamId = "agent_1";
        EventAssertions.WellFormed(await client.CreateAsync(next, timeout.Token));

        ResponseCreateRequest third = ScriptedTaskDriver.Request(ScriptedTaskDriver.FirstInput());
        third.StreamId = "agent_3";
        ReceivedEvent limit = Assert.Single(await client.CreateAsync(third, timeout.Token));
        Assert.Equal("websocket_stream_limit_reached", limit.Root.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("agent_3", limit.Root.GetProperty("stream_id").GetString());

        ResponseCreateRequest invalid = ScriptedTaskDriver.Request(ScriptedTaskDriver.FirstInput());
        invalid.StreamId = "not valid!";
        ReceivedEvent rejected = Assert.Single(await client.CreateAsync(invalid, timeout.Token));
        Assert.Equal("invalid_stream_id", rejected.Root.GetProperty("error").GetProperty("code").GetString());
    }
}
