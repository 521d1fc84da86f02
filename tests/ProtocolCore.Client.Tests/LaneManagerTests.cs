using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Emulator;
using ProtocolCore.Events;
using ProtocolCore.Requests;

namespace ProtocolCore.Client.Tests;

public sealed class LaneManagerTests
{
    [Fact]
    public async Task ALeaseIsExclusiveAndTheDistinctLaneLimitHoldsBeforeAnythingIsSent()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        CancellationToken ct = ClientTestHost.Timeout();
        ResponsesClientOptions options = ClientTestHost.Options(server);
        options.MaxLanesPerConnection = 3;
        await using ResponsesConnection connection = await ResponsesConnection.ConnectAsync(options, ct);
        LaneManager lanes = connection.Lanes;

        LaneLease l1 = lanes.Lease("l1");
        using LaneLease l2 = lanes.Lease("l2");
        using LaneLease l3 = lanes.Lease("l3");
        Assert.Throws<InvalidOperationException>(() => lanes.Lease("l1"));
        ResponsesLaneLimitException full = Assert.Throws<ResponsesLaneLimitException>(() => lanes.Lease("l4"));
        Assert.Equal("l4", full.StreamId);
        Assert.Equal(3, full.Limit);
        Assert.False(lanes.TryLease("l4", out _));
        Assert.Throws<ArgumentException>(() => lanes.Lease("not valid"));

        // A released name is free again and, already used, fits; the socket still counts it.
        l1.Dispose();
        Assert.False(l1.IsHeld);
        Assert.True(lanes.TryLease("l1", out LaneLease? again));
        again!.Dispose();
        Assert.Equal(3, lanes.DistinctLanes);
        Assert.Equal(2, lanes.LeasedLanes);

        // A request on a fourth name, sent straight on the connection, is refused by the client: the server sees nothing.
        var request = new ResponseCreateRequest { Model = "gpt-5.5", StreamId = "l5", Store = false, Input = ClientTestHost.FirstInput() };
        await Assert.ThrowsAsync<ResponsesLaneLimitException>(async () =>
        {
            await foreach (ResponsesEvent _ in connection.SendAsync(request, ct))
            {
            }
        });
        Assert.Equal(0, connection.ResponseCount);
        Assert.Equal(0, server.Counters.LaneLimitRejections);
        Assert.True(connection.IsOpen);
    }

    [Fact]
    public async Task ASessionOnALeaseKeepsItsLaneAndReleasesItWhenDisposed()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        CancellationToken ct = ClientTestHost.Timeout();
        await using ResponsesConnection connection = await ResponsesConnection.ConnectAsync(ClientTestHost.Options(server), ct);

        ResponseCreateRequest template = ClientTestHost.Template();
        using (LaneLease x = connection.Lanes.Lease("x"))
        {
            Assert.Throws<ArgumentException>(() => new ResponsesSession(x, new ResponseCreateRequest { StreamId = "y" }));
        }

        var session = new ResponsesSession(connection.Lanes.Lease("agent"), template);
        Assert.Null(template.StreamId);
        Assert.Equal("agent", session.Template.StreamId);
        var events = new List<ResponsesEvent>();
        await foreach (ResponsesEvent e in session.RunTurnAsync(ClientTestHost.FirstInput(), ct))
        {
            events.Add(e);
        }

        Assert.All(events, e => Assert.True(e.StreamId?.ValueEquals("agent")));
        session.Template.StreamId = "elsewhere";
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.CompleteTurnAsync(ClientTestHost.FirstInput(), ct));

        Assert.Equal(1, connection.Lanes.LeasedLanes);
        await session.DisposeAsync();
        Assert.Equal(0, connection.Lanes.LeasedLanes);
        Assert.True(connection.IsOpen);
    }

    [Fact]
    public async Task APoolLeasesALaneOnAnotherSocketWhenOneIsFullAndRefusesPastItsSockets()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        CancellationToken ct = ClientTestHost.Timeout();
        ResponsesClientOptions options = ClientTestHost.Options(server);
        options.MaxLanesPerConnection = 2;
        await using var pool = new ResponsesConnectionPool(options, maxConnections: 2);

        var sessions = new List<ResponsesSession>();
        for (int i = 0; i < 4; i++)
        {
            sessions.Add(new ResponsesSession(await pool.LeaseLaneAsync("agent_" + i, ct), ClientTestHost.Template()));
        }

        ResponsesLaneLimitException refused = await Assert.ThrowsAsync<ResponsesLaneLimitException>(() => pool.LeaseLaneAsync("agent_4", ct));
        Assert.Equal("agent_4", refused.StreamId);
        Assert.Equal(2, pool.LaneConnections);

        ResponsesTurnResult[] results = await Task.WhenAll(sessions.Select(s => s.CompleteTurnAsync(ClientTestHost.FirstInput(), ct)));
        Assert.All(results, r => Assert.Equal("response.completed", r.TerminalEvent));
        // Two lanes per socket, in lease order.
        Assert.Same(sessions[0].Connection, sessions[1].Connection);
        Assert.Same(sessions[2].Connection, sessions[3].Connection);
        Assert.NotSame(sessions[0].Connection, sessions[2].Connection);
        Assert.Equal(2, server.Counters.WebSocketConnections);
        Assert.Equal(0, server.Counters.LaneLimitRejections);

        // Releasing a lane frees its name on its socket: the same name fits again; a new one still does not.
        ResponsesConnection first = sessions[0].Connection!;
        await sessions[0].DisposeAsync();
        using LaneLease reused = await pool.LeaseLaneAsync("agent_0", ct);
        Assert.Same(first, reused.Connection);
        await Assert.ThrowsAsync<ResponsesLaneLimitException>(() => pool.LeaseLaneAsync("agent_5", ct));
        foreach (ResponsesSession session in sessions.Skip(1))
        {
            await session.DisposeAsync();
        }
    }

    [Fact]
    public async Task AFailedContinuationOnItsOwnLaneSendsTheFullContextNextWithoutAWastedRequest()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        CancellationToken ct = ClientTestHost.Timeout();
        await using ResponsesConnection connection = await ResponsesConnection.ConnectAsync(ClientTestHost.Options(server), ct);
        await using var session = new ResponsesSession(connection.Lanes.Lease("a"), ClientTestHost.Template());

        ResponsesTurnResult first = await session.CompleteTurnAsync(ClientTestHost.FirstInput(), ct);
        ClientTestHost.Fault(session, "response_failed");
        ResponsesTurnResult failed = await session.CompleteTurnAsync(ClientTestHost.Outputs(first.FunctionCalls), ct);
        Assert.Equal("response.failed", failed.TerminalEvent);
        Assert.False(failed.SentFullContext);

        // The server evicted the parent from lane a; the chain knows it, so the retry carries the full context at once.
        ClientTestHost.Fault(session, null);
        ResponsesTurnResult next = await session.CompleteTurnAsync(ClientTestHost.Outputs(first.FunctionCalls), ct);
        Assert.Equal("response.completed", next.TerminalEvent);
        Assert.True(next.SentFullContext);
        Assert.Equal(0, next.Retries);
        Assert.Equal(0, server.Counters.PreviousResponseNotFound);
    }
}
