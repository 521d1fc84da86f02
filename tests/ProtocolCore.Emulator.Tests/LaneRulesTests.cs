using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Requests;

namespace ProtocolCore.Emulator.Tests;

/// <summary>The lane rules of spec §1.6 (G-LATE): per-lane cache slots, same-lane eviction, cross-lane forks, the 16/32 limits.</summary>
public sealed class LaneRulesTests
{
    [Fact]
    public async Task EachLaneHoldsItsLatestResponseAndAForkReadsAnotherLanesSlot()
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);

        string a1 = await CompleteAsync(client, "a", null, timeout.Token);
        string b1 = await CompleteAsync(client, "b", null, timeout.Token);

        // Lane b's response did not replace lane a's: each lane has its own slot.
        string a2 = await CompleteAsync(client, "a", a1, timeout.Token);

        // A fork: lane c continues from lane b's latest response, read from b's slot (a cache hit, not the store).
        long hits = server.Counters.ConnectionCacheHits;
        string c1 = await CompleteAsync(client, "c", b1, timeout.Token);
        Assert.Equal(hits + 1, server.Counters.ConnectionCacheHits);

        // The fork did not take the parent from lane b: b continues from it too.
        await CompleteAsync(client, "b", b1, timeout.Token);

        // Lane a moved on to a2, so a1 is gone (store=false has no other copy).
        ReceivedEvent gone = await ErrorAsync(client, "a", a1, timeout.Token);
        Assert.Equal("previous_response_not_found", Code(gone));
        Assert.Equal("a", gone.Root.GetProperty("stream_id").GetString());
        Assert.NotEqual(a2, c1);
        Assert.Equal(0, server.Counters.PersistedStoreHits);
    }

    [Fact]
    public async Task AFailedSameLaneContinuationEvictsTheParentForEveryLane()
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);
        string parent = await CompleteAsync(client, "a", null, timeout.Token);

        List<ReceivedEvent> failed = await client.CreateAsync(LaneRequest("a", parent, "response_failed"), timeout.Token);
        Assert.Equal("response.failed", failed[^1].Type);

        // Evicted from lane a's slot: neither lane a's retry nor a fork on lane b finds it.
        Assert.Equal("previous_response_not_found", Code(await ErrorAsync(client, "a", parent, timeout.Token)));
        Assert.Equal("previous_response_not_found", Code(await ErrorAsync(client, "b", parent, timeout.Token)));
    }

    [Fact]
    public async Task AFailedCrossLaneForkKeepsTheParent()
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);
        string parent = await CompleteAsync(client, "a", null, timeout.Token);

        List<ReceivedEvent> failedFork = await client.CreateAsync(LaneRequest("b", parent, "response_failed"), timeout.Token);
        Assert.Equal("response.failed", failedFork[^1].Type);
        ReceivedEvent rejectedFork = Assert.Single(await client.CreateAsync(LaneRequest("c", parent, "no_such_fault"), timeout.Token));
        Assert.Equal("error", rejectedFork.Type);

        // Both forks failed on other lanes: lane a (and another fork) still continue from the parent.
        await CompleteAsync(client, "d", parent, timeout.Token);
        await CompleteAsync(client, "a", parent, timeout.Token);
    }

    [Fact]
    public async Task AForkThatArrivesAfterItsParentWasReplacedIsNotFound()
    {
        await using EmulatorServer server = await TestServers.StartAsync();
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);
        string parent = await CompleteAsync(client, "main", null, timeout.Token);

        // The race the client must prevent: the source lane's next response lands before the fork is read.
        await CompleteAsync(client, "main", parent, timeout.Token);
        ReceivedEvent lost = await ErrorAsync(client, "fork", parent, timeout.Token);
        Assert.Equal("previous_response_not_found", Code(lost));
        Assert.Equal("fork", lost.Root.GetProperty("stream_id").GetString());
        Assert.Equal(1, server.Counters.PreviousResponseNotFound);
    }

    [Fact]
    public async Task TheDistinctLaneLimitCountsNamesNotTheDefaultLane()
    {
        await using EmulatorServer server = await TestServers.StartAsync(o => o.MaxNamedLanes = 3);
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);

        foreach (string lane in new[] { "l1", "l2", "l3" })
        {
            await CompleteAsync(client, lane, null, timeout.Token);
        }

        await CompleteAsync(client, null, null, timeout.Token);
        ReceivedEvent refused = await ErrorAsync(client, "l4", null, timeout.Token);
        Assert.Equal("websocket_stream_limit_reached", Code(refused));
        Assert.Equal("l4", refused.Root.GetProperty("stream_id").GetString());

        // A refused name does not become a lane; names already used still work.
        Assert.Equal("websocket_stream_limit_reached", Code(await ErrorAsync(client, "l4", null, timeout.Token)));
        await CompleteAsync(client, "l2", null, timeout.Token);
        Assert.Equal(2, server.Counters.LaneLimitRejections);
    }

    [Fact]
    public async Task ResponsesBeyondTheInFlightLimitQueueAndAllComplete()
    {
        const int Limit = 3;
        const int Lanes = 7;
        await using EmulatorServer server = await TestServers.StartAsync(o => o.MaxInFlightPerConnection = Limit);
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);

        for (int i = 0; i < Lanes; i++)
        {
            await client.SendAsync(LaneRequest("lane" + i, null, "delay_ms:300"), timeout.Token);
        }

        var terminals = new Dictionary<string, ReceivedEvent>();
        while (terminals.Count < Lanes)
        {
            ReceivedEvent e = (await client.ReceiveAsync(timeout.Token))!;
            if (e.IsTerminal)
            {
                terminals.Add(e.Root.GetProperty("stream_id").GetString()!, e);
            }
        }

        // Queued, never refused (spec §1.6): every lane completes, and no more than the limit ran at once.
        Assert.All(terminals.Values, t => Assert.Equal("response.completed", t.Type));
        Assert.Equal(Limit, server.Counters.PeakResponsesInFlight);
    }

    private static ResponseCreateRequest LaneRequest(string? lane, string? previous, string? fault = null)
    {
        ResponseCreateRequest request = ScriptedTaskDriver.Request(previous is null ? ScriptedTaskDriver.FirstInput() : [], previous);
        request.StreamId = lane;
        if (fault is not null)
        {
            request.Metadata = new Dictionary<string, string> { ["emulator_fault"] = fault };
        }

        return request;
    }

    private static async Task<string> CompleteAsync(WsTestClient client, string? lane, string? previous, CancellationToken cancellationToken)
    {
        List<ReceivedEvent> events = await client.CreateAsync(LaneRequest(lane, previous), cancellationToken);
        EventAssertions.WellFormed(events);
        Assert.Equal("response.completed", events[^1].Type);
        Assert.All(events, e => Assert.Equal(lane, e.Root.TryGetProperty("stream_id", out var id) ? id.GetString() : null));
        return ScriptedTaskDriver.Terminal(events).Id!;
    }

    private static async Task<ReceivedEvent> ErrorAsync(WsTestClient client, string? lane, string? previous, CancellationToken cancellationToken)
    {
        ReceivedEvent e = Assert.Single(await client.CreateAsync(LaneRequest(lane, previous), cancellationToken));
        Assert.Equal("error", e.Type);
        return e;
    }

    private static string? Code(ReceivedEvent e) => e.Root.GetProperty("error").GetProperty("code").GetString();
}
