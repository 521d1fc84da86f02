using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Emulator;
using ProtocolCore.Events;

namespace ProtocolCore.Client.Tests;

public sealed class PoolTests
{
    [Fact]
    public async Task FiftySessionsShareEightConnectionsAndEveryEventIsAccountedFor()
    {
        const int Sessions = 50;
        const int Connections = 8;
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        CancellationToken ct = ClientTestHost.Timeout();
        await using var pool = new ResponsesConnectionPool(ClientTestHost.Options(server), Connections);

        (int Calls, int Chained, long Events)[] results = await Task.WhenAll(Enumerable.Range(0, Sessions).Select(async _ =>
        {
            await using var session = new ResponsesSession(pool, ClientTestHost.Template());
            session.Template.Tools = ScriptedTools.CreateDefinitions();
            var input = ClientTestHost.FirstInput();
            int calls = 0, chained = 0;
            long events = 0;
            for (int turn = 0; turn < 50; turn++)
            {
                int expected = 0;
                ResponsesEvent? last = null;
                await foreach (ResponsesEvent e in session.RunTurnAsync(input, ct))
                {
                    // A rented socket carries one response at a time: sequence numbers run 0, 1, 2... without gaps.
                    Assert.Equal(expected++, e.SequenceNumber);
                    last = e;
                }

                Assert.IsType<ResponseCompletedEvent>(last);
                events += expected;
                chained += session.LastTurn!.SentFullContext ? 0 : 1;
                if (session.LastTurn.FunctionCalls.Count == 0)
                {
                    return (calls, chained, events);
                }

                calls += session.LastTurn.FunctionCalls.Count;
                input = ClientTestHost.Outputs(session.LastTurn.FunctionCalls);
            }

            throw new InvalidOperationException("The task did not finish.");
        }));

        Assert.All(results, r => Assert.Equal(ScriptedCodingAgent.TotalToolCalls, r.Calls));
        Assert.Equal(Sessions * ScriptedCodingAgent.TurnCount, server.Counters.Responses);
        Assert.InRange(pool.Connects, 1, Connections);
        Assert.Equal(pool.Connects, server.Counters.WebSocketConnections);

        // A chained turn went to the socket holding its parent, so each one is a connection-cache hit, never a miss.
        Assert.Equal(results.Sum(r => r.Chained), server.Counters.ConnectionCacheHits);
        Assert.Equal(0, server.Counters.PreviousResponseNotFound);
        Assert.True(results.Sum(r => r.Events) > Sessions * ScriptedCodingAgent.TurnCount * 5);
    }

    [Fact]
    public async Task ASingleSessionKeepsItsSocketAndChainsEveryTurn()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        await using var pool = new ResponsesConnectionPool(ClientTestHost.Options(server), 4);
        await using var session = new ResponsesSession(pool, ClientTestHost.Template());
        ToolLoopResult result = await ClientTestHost.ScriptedLoop(session).RunAsync(ClientTestHost.FirstInput(), ClientTestHost.Timeout());

        Assert.Equal(ScriptedCodingAgent.TotalToolCalls, result.ToolCalls);
        Assert.Equal(1, pool.Connects);
        Assert.Equal(1, pool.IdleConnections);
        Assert.All(result.Turns.Skip(1), t => Assert.False(t.SentFullContext));
        Assert.Equal(result.Turns.Sum(t => t.BytesSent), session.BytesSent);
    }
}
