using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Emulator;
using ProtocolCore.Events;
using ProtocolCore.Models;
using Xunit.Abstractions;

namespace ProtocolCore.Client.Tests;

public sealed class LaneStressTests(ITestOutputHelper output)
{
    private const int Lanes = 16;
    private const int Turns = 50;
    private const int ForkEvery = 10;
    private const int ForkTurns = 2;

    /// <summary>
    /// 16 lanes of one socket, 50 turns each, every lane forking a sub-agent every 10 turns that runs beside it: every
    /// event reaches its own lane's turn (stream_id and response id), no event or response is lost, and every fork's
    /// first turn chained from its parent. Bounded by its token (the emulator runs at zero cost).
    /// </summary>
    [Fact]
    public async Task SixteenLanesWithForksNeverCrossAndLoseNothing()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        CancellationToken ct = bound.Token;
        await using ResponsesConnection connection = await ResponsesConnection.ConnectAsync(ClientTestHost.Options(server), ct);

        Task<LaneTally[]> lanes = Task.WhenAll(Enumerable.Range(0, Lanes).Select(i => Task.Run(() => RunLaneAsync(connection, i, ct), ct)));
        LaneTally[] tallies;
        try
        {
            tallies = await lanes;
        }
        catch when (lanes.Exception is { } all)
        {
            // Every lane's failure, not only the first: one lane's broken turn closes the socket under the others.
            throw all;
        }

        int forks = Lanes * ((Turns - 1) / ForkEvery);
        Assert.All(tallies, t => Assert.Equal(Turns, t.Turns));
        int chained = tallies.Sum(t => t.ForksChained);
        output.WriteLine($"forks chained from their parent: {chained} of {forks}; previous_response_not_found: {server.Counters.PreviousResponseNotFound}");

        // Every fork chained from its parent: the source waited for the fork's in_progress, and the parent was cached
        // before the client saw it complete (the emulator commits before the terminal event: CommitBeforeTerminalTests).
        Assert.Equal(forks, chained);
        Assert.Equal(0, server.Counters.PreviousResponseNotFound);
        Assert.Equal(Lanes * Turns + forks * ForkTurns, tallies.Sum(t => t.Turns + t.ForkTurns));

        // Nothing lost: every response the server started reached a turn that ended with response.completed.
        Assert.Equal(server.Counters.Responses, tallies.Sum(t => t.Turns + t.ForkTurns));
        Assert.Equal(0, server.Counters.LaneLimitRejections);
        Assert.Equal(1, server.Counters.WebSocketConnections);
        Assert.Equal(2 * Lanes, connection.Lanes.DistinctLanes);
        Assert.True(connection.IsOpen);
    }

    private static async Task<LaneTally> RunLaneAsync(ResponsesConnection connection, int index, CancellationToken ct)
    {
        var tally = new LaneTally();
        string lane = "lane_" + index;
        await using var session = new ResponsesSession(connection.Lanes.Lease(lane), ClientTestHost.Template());
        session.Template.Tools = ScriptedTools.CreateDefinitions();
        List<InputItem> input = ClientTestHost.FirstInput();
        Task forkRun = Task.CompletedTask;
        for (int turn = 0; turn < Turns; turn++)
        {
            await RunCheckedTurnAsync(session, lane, input, ct);
            tally.Turns++;
            input = NextInput(session.LastTurn!);
            if (turn % ForkEvery == ForkEvery - 1 && turn < Turns - 1)
            {
                // The lane's fork name is reused: a lane leases at most one fork at a time, so 16 lanes + 16 forks = 32 names.
                await forkRun;
                ResponsesSession fork = session.Fork("fork_" + index);
                string parent = session.LastResponseId!;

                // Started before the source's next turn, as sub-agents are: once the fork's request is out, the library makes
                // the source wait for its in_progress. The source goes on only after that request was sent (its first event
                // arrived): a fork whose request is still unsent when the source moves on sends the full context instead.
                var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                forkRun = RunForkAsync(fork, "fork_" + index, parent, input, tally, sent, ct);
                await sent.Task.WaitAsync(ct);
            }
        }

        await forkRun;
        return tally;
    }

    private static async Task RunForkAsync(ResponsesSession fork, string lane, string parent, List<InputItem> input, LaneTally tally, TaskCompletionSource sent, CancellationToken ct)
    {
        await using (fork)
        {
            for (int turn = 0; turn < ForkTurns; turn++)
            {
                try
                {
                    await RunCheckedTurnAsync(fork, lane, input, ct, turn == 0 ? sent : null);
                }
                finally
                {
                    sent.TrySetResult();
                }

                if (turn == 0 && !fork.LastTurn!.SentFullContext && fork.LastTurn.Response!.PreviousResponseId == parent)
                {
                    Interlocked.Increment(ref tally.ForksChained);
                }

                Interlocked.Increment(ref tally.ForkTurns);
                input = NextInput(fork.LastTurn!);
            }
        }
    }

    /// <summary>One turn whose every event carries this lane's stream_id and this response's id, numbered 0, 1, 2... to response.completed.</summary>
    private static async Task RunCheckedTurnAsync(ResponsesSession session, string lane, List<InputItem> input, CancellationToken ct, TaskCompletionSource? firstEvent = null)
    {
        int expected = 0;
        string? responseId = null;
        ResponsesEvent? last = null;
        await foreach (ResponsesEvent e in session.RunTurnAsync(input, ct))
        {
            firstEvent?.TrySetResult();
            Assert.True(e.StreamId?.ValueEquals(lane), $"{e.Type} of {lane} carried stream_id {e.StreamId}");
            Assert.Equal(expected++, e.SequenceNumber);
            if (e is IResponseLifecycleEvent { Response.Id: { } id })
            {
                responseId ??= id;
                Assert.Equal(responseId, id);
            }

            last = e;
        }

        Assert.IsType<ResponseCompletedEvent>(last);
        Assert.Equal(responseId, session.LastResponseId);
    }

    /// <summary>The scripted tools' outputs while the agent calls tools; a new user message once it answered.</summary>
    private static List<InputItem> NextInput(ResponsesTurnResult result) =>
        result.FunctionCalls.Count > 0 ? ClientTestHost.Outputs(result.FunctionCalls) : ClientTestHost.FirstInput();

    private sealed class LaneTally
    {
        public int Turns;
        public int ForkTurns;
        public int ForksChained;
    }
}
