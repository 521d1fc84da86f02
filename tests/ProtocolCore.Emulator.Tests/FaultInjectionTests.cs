using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;
using ProtocolCore.Models;
using ProtocolCore.Requests;

namespace ProtocolCore.Emulator.Tests;

public class FaultInjectionTests
{
    private static ResponseCreateRequest Faulty(string fault, string? previous = null)
    {
        ResponseCreateRequest request = ScriptedTaskDriver.Request(previous is null ? ScriptedTaskDriver.FirstInput() : [], previous);
        request.Metadata = new() { [EmulatorFaults.Key] = fault };
        return request;
    }

    [Fact]
    public async Task AbruptCloseDropsTheConnectionMidResponse()
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);
        await client.SendAsync(Faulty("abrupt_close"), timeout.Token);

        var received = new List<ReceivedEvent>();
        WebSocketException error = await Assert.ThrowsAsync<WebSocketException>(async () =>
        {
            while (await client.ReceiveAsync(timeout.Token) is { } e)
            {
                received.Add(e);
            }
        });

        Assert.Equal(WebSocketError.ConnectionClosedPrematurely, error.WebSocketErrorCode);
        Assert.Equal("response.function_call_arguments.delta", received[^1].Type);
        Assert.DoesNotContain(received, e => e.IsTerminal);
    }

    [Fact]
    public async Task ResponseFailedEndsTheResponseAndEvictsTheParent()
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);
        string parent = ScriptedTaskDriver.Terminal(await client.CreateAsync(ScriptedTaskDriver.Request(ScriptedTaskDriver.FirstInput()), timeout.Token)).Id!;

        List<ReceivedEvent> events = await client.CreateAsync(Faulty("response_failed", parent), timeout.Token);
        EventAssertions.WellFormed(events, "response.failed");
        Response failed = ScriptedTaskDriver.Terminal(events);
        Assert.Equal(ResponseStatus.Failed, failed.Status!.Value.Value);
        Assert.Equal("server_error", failed.Error!.Code);

        // A failed continuation evicts the referenced response from the connection-local cache.
        List<ReceivedEvent> retry = await client.CreateAsync(ScriptedTaskDriver.Request([], parent), timeout.Token);
        Assert.Equal("previous_response_not_found", Assert.Single(retry).Root.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task ResponseIncompleteCarriesTheReasonAndCanBeContinued()
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);

        List<ReceivedEvent> events = await client.CreateAsync(Faulty("response_incomplete"), timeout.Token);
        EventAssertions.WellFormed(events, "response.incomplete");
        Response incomplete = ScriptedTaskDriver.Terminal(events);
        Assert.Equal(IncompleteReason.MaxOutputTokens, incomplete.IncompleteDetails!.Reason!.Value.Value);
        Assert.Equal(2, incomplete.Output!.Count);
        Assert.IsType<FunctionCall>(incomplete.Output[1]);

        EventAssertions.WellFormed(await client.CreateAsync(ScriptedTaskDriver.Request([], incomplete.Id), timeout.Token));
    }

    [Fact]
    public async Task FlatErrorUsesTheSseShape()
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);

        List<ReceivedEvent> events = await client.CreateAsync(Faulty("flat_error"), timeout.Token);

        Assert.Equal(["response.created", "response.in_progress", "error"], EventAssertions.Types(events));
        ReceivedEvent error = events[^1];
        Assert.Equal("server_error", error.Root.GetProperty("code").GetString());
        Assert.False(error.Root.TryGetProperty("error", out _));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, error.Root.GetProperty("param").ValueKind);
        Assert.Equal(2, error.SequenceNumber);
    }

    [Fact]
    public async Task DoneTerminalReplacesCompleted()
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);

        List<ReceivedEvent> events = await client.CreateAsync(Faulty("done_terminal"), timeout.Token);
        EventAssertions.WellFormed(events, "response.done");
        Assert.IsType<ResponseDoneEvent>(events[^1].Event);
        Assert.DoesNotContain(events, e => e.Type == "response.completed");
    }

    [Fact]
    public async Task MissingNameOmitsTheNameOfArgumentsDone()
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);

        List<ReceivedEvent> events = await client.CreateAsync(Faulty("missing_name"), timeout.Token);
        EventAssertions.WellFormed(events);
        List<ReceivedEvent> done = events.Where(e => e.Type == "response.function_call_arguments.done").ToList();
        Assert.Equal(2, done.Count);
        Assert.All(done, e => Assert.False(e.Root.TryGetProperty("name", out _)));
    }

    [Fact]
    public async Task UnknownEventsAreInterleavedWithAndWithoutSequenceNumbers()
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);

        // Requested for the whole connection through the query string this time.
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token, query: "emulator_fault=unknown_event");
        List<ReceivedEvent> events = await client.CreateAsync(ScriptedTaskDriver.Request(ScriptedTaskDriver.FirstInput()), timeout.Token);

        EventAssertions.WellFormed(events);
        List<ReceivedEvent> unknown = events.Where(e => e.Event is UnknownEvent).ToList();
        Assert.Contains(unknown, e => e.SequenceNumber is not null);
        Assert.Contains(unknown, e => e.SequenceNumber is null);
        Assert.All(unknown, e => Assert.StartsWith("Injected", e.Root.GetProperty("note").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task RefusalReplacesTheTurnWithARefusalMessage()
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);

        List<ReceivedEvent> events = await client.CreateAsync(Faulty("refusal"), timeout.Token);

        EventAssertions.WellFormed(events);
        Assert.DoesNotContain(events, e => e.Type.StartsWith("response.function_call", StringComparison.Ordinal));
        Assert.Equal(ScriptedCodingAgent.RefusalMessage, string.Concat(events.Where(e => e.Type == "response.refusal.delta").Select(e => e.Root.GetProperty("delta").GetString())));
        Assert.Equal(ScriptedCodingAgent.RefusalMessage, events.Single(e => e.Type == "response.refusal.done").Root.GetProperty("refusal").GetString());
        Message message = Assert.IsType<Message>(ScriptedTaskDriver.Terminal(events).Output![1]);
        Assert.Equal(ScriptedCodingAgent.RefusalMessage, Assert.IsType<RefusalContent>(Assert.Single(message.Content!.Parts!)).Refusal);
    }

    [Fact]
    public async Task DelayAndCombinedFaultsStillProduceAWellFormedResponse()
    {
        await using EmulatorServer server = await TestServers.StartAsync(o => o.DefaultFaults = "missing_name");
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);

        List<ReceivedEvent> events = await client.CreateAsync(Faulty("delay_ms:50, done_terminal"), timeout.Token);
        EventAssertions.WellFormed(events, "response.done");
        Assert.All(events.Where(e => e.Type == "response.function_call_arguments.done"), e => Assert.False(e.Root.TryGetProperty("name", out _)));
    }

    [Fact]
    public async Task AnUnknownFaultNameIsRejected()
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);

        ReceivedEvent error = Assert.Single(await client.CreateAsync(Faulty("explode"), timeout.Token));
        Assert.Equal("metadata.emulator_fault", error.Root.GetProperty("error").GetProperty("param").GetString());
        Assert.Throws<ArgumentException>(() => EmulatorServer.StartAsync(new EmulatorOptions { DefaultFaults = "delay_ms:x" }).GetAwaiter().GetResult());
    }
}
