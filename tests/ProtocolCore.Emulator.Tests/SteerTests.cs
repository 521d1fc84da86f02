using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Models;
using ProtocolCore.Requests;

namespace ProtocolCore.Emulator.Tests;

/// <summary><c>response.steer</c> and the beta <c>response.inject</c> over a raw WebSocket.</summary>
public class SteerTests
{
    private const string SteerText = "Only touch files under src/.";

    private static ResponseCreateRequest Held(string faults)
    {
        ResponseCreateRequest request = ScriptedTaskDriver.Request(ScriptedTaskDriver.FirstInput());
        request.Metadata = new() { [EmulatorFaults.Key] = faults };
        return request;
    }

    private static string Steer(string? previousResponseId, string input = SteerText) =>
        previousResponseId is null
            ? $$"""{"type":"response.steer","input":"{{input}}"}"""
            : $$"""{"type":"response.steer","previous_response_id":"{{previousResponseId}}","input":"{{input}}"}""";

    /// <summary>Sends a held request and reads through its <c>response.created</c>; returns the events so far and the id.</summary>
    private static async Task<(List<ReceivedEvent> Events, string Id)> StartHeldAsync(WsTestClient client, string faults, CancellationToken cancellationToken)
    {
        await client.SendAsync(Held(faults), cancellationToken);
        ReceivedEvent created = (await client.ReceiveAsync(cancellationToken))!;
        Assert.Equal("response.created", created.Type);
        return ([created], created.Root.GetProperty("response").GetProperty("id").GetString()!);
    }

    private static async Task<List<ReceivedEvent>> ReadRestAsync(WsTestClient client, List<ReceivedEvent> events, CancellationToken cancellationToken)
    {
        events.AddRange(await client.ReadResponseAsync(cancellationToken));
        return events;
    }

    [Fact]
    public async Task AcceptedSteerEndsTheResponseSteeredAndAChainedSuccessorSeesTheInput()
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);
        (List<ReceivedEvent> events, string steeredId) = await StartHeldAsync(client, "await_steer", timeout.Token);

        await client.SendRawAsync(Steer(steeredId), timeout.Token);
        List<ReceivedEvent> steered = await ReadRestAsync(client, events, timeout.Token);

        EventAssertions.WellFormed(steered, "response.incomplete");
        JsonElement steer = Assert.Single(steered, e => e.Type == "response.steer.accepted").Root.GetProperty("steer");
        Assert.Equal(steeredId, steer.GetProperty("previous_response_id").GetString());
        Assert.StartsWith("steer_", steer.GetProperty("id").GetString());
        Response incomplete = ScriptedTaskDriver.Terminal(steered);
        Assert.True(incomplete.IncompleteDetails!.Reason!.Value.Is(IncompleteReason.Steered));

        // The successor starts by itself, chained from the steered response, and its model read the steered input.
        List<ReceivedEvent> successor = await client.ReadResponseAsync(timeout.Token);
        EventAssertions.WellFormed(successor);
        Response next = ScriptedTaskDriver.Terminal(successor);
        Assert.NotEqual(steeredId, next.Id);
        Assert.Equal(steeredId, next.PreviousResponseId);
        Message acknowledgement = next.Output!.OfType<Message>().First();
        Assert.Equal("Steering noted: " + SteerText, ((OutputTextContent)acknowledgement.Content!.Parts![0]).Text);
        Assert.Equal(2, server.Counters.Responses);

        // The successor is the lane's cached response: the next turn chains from it.
        List<ReceivedEvent> after = await client.CreateAsync(ScriptedTaskDriver.Request([InputItems.UserMessage("Go on.")], next.Id), timeout.Token);
        EventAssertions.WellFormed(after);
        Assert.Equal(next.Id, ScriptedTaskDriver.Terminal(after).PreviousResponseId);
    }

    [Fact]
    public async Task PendingSteerNamesTheCallOutputsItWaitsForAndTheResponseCompletes()
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);
        (List<ReceivedEvent> events, string id) = await StartHeldAsync(client, "await_steer,steer_pending", timeout.Token);

        await client.SendRawAsync(Steer(id), timeout.Token);
        List<ReceivedEvent> all = await ReadRestAsync(client, events, timeout.Token);

        EventAssertions.WellFormed(all);
        JsonElement pending = Assert.Single(all, e => e.Type == "response.steer.pending").Root;
        Assert.Equal("waiting_for_required_input", pending.GetProperty("reason").GetString());
        List<string?> required = pending.GetProperty("required_input").EnumerateArray().Select(r => r.GetProperty("call_id").GetString()).ToList();
        Assert.Equal(ScriptedTaskDriver.Calls(ScriptedTaskDriver.Terminal(all)).Select(c => c.CallId).ToList(), required);
        Assert.NotEmpty(required);
        Assert.Equal(1, server.Counters.Responses);
    }

    [Fact]
    public async Task FailedSteerCarriesItsCodeAndTheResponseCompletes()
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);
        (List<ReceivedEvent> events, string id) = await StartHeldAsync(client, "await_steer,steer_fail", timeout.Token);

        await client.SendRawAsync(Steer(id), timeout.Token);
        List<ReceivedEvent> all = await ReadRestAsync(client, events, timeout.Token);

        EventAssertions.WellFormed(all);
        JsonElement failed = Assert.Single(all, e => e.Type == "response.steer.failed").Root;
        Assert.Equal("steering_not_supported", failed.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(id, failed.GetProperty("steer").GetProperty("previous_response_id").GetString());
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("finished")]
    [InlineData("no_id")]
    public async Task SteerWithoutARunningResponseFailsWithTheRightCode(string target)
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);
        string finished = ScriptedTaskDriver.Terminal(await client.CreateAsync(ScriptedTaskDriver.Request(ScriptedTaskDriver.FirstInput()), timeout.Token)).Id!;
        (string? id, string code) = target switch
        {
            "unknown" => ("resp_nope", "response_not_found"),
            "finished" => (finished, "response_already_completed"),
            _ => ((string?)null, "invalid_input"),
        };

        await client.SendRawAsync(Steer(id), timeout.Token);
        ReceivedEvent answer = (await client.ReceiveAsync(timeout.Token))!;

        Assert.Equal("response.steer.failed", answer.Type);
        Assert.Equal(code, answer.Root.GetProperty("error").GetProperty("code").GetString());

        // The connection goes on: the finished response is still cached for the next turn.
        List<ReceivedEvent> next = await client.CreateAsync(ScriptedTaskDriver.Request([], finished), timeout.Token);
        EventAssertions.WellFormed(next);
    }

    [Fact]
    public async Task InjectWithoutTheBetaHeaderIsAnUnknownEventType()
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);

        await client.SendRawAsync("""{"type":"response.inject","response_id":"resp_x","input":"hi"}""", timeout.Token);
        ReceivedEvent answer = (await client.ReceiveAsync(timeout.Token))!;

        Assert.Equal("error", answer.Type);
        Assert.Equal("unknown_event_type", answer.Root.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task InjectWithTheBetaJoinsTheRunningResponseWithoutEndingIt()
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token, beta: "responses_multi_agent=v1");
        (List<ReceivedEvent> events, string id) = await StartHeldAsync(client, "await_steer", timeout.Token);

        await client.SendRawAsync($$"""{"type":"response.inject","response_id":"{{id}}","input":"A note from agent B."}""", timeout.Token);
        List<ReceivedEvent> all = await ReadRestAsync(client, events, timeout.Token);

        EventAssertions.WellFormed(all);
        Assert.Equal(id, Assert.Single(all, e => e.Type == "response.inject.created").Root.GetProperty("response_id").GetString());

        // Once it completed, an inject for it fails with the beta's code.
        await client.SendRawAsync($$"""{"type":"response.inject","response_id":"{{id}}","input":"Too late."}""", timeout.Token);
        ReceivedEvent late = (await client.ReceiveAsync(timeout.Token))!;
        Assert.Equal("response.inject.failed", late.Type);
        Assert.Equal("response_already_completed", late.Root.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("Too late.", late.Root.GetProperty("input")[0].GetProperty("content").GetString());
    }
}
