using System;
using System.Linq;
using System.Threading.Tasks;
using ProtocolCore.Emulator;

namespace ProtocolCore.Client.Tests;

public sealed class AgentLoopTests
{
    [Fact]
    public async Task WebSocketBytesPerTurnStayFlatWhileHttpGrows()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();

        await using var ws = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template());
        ToolLoopResult overWs = await ClientTestHost.ScriptedLoop(ws).RunAsync(ClientTestHost.FirstInput(), ClientTestHost.Timeout());

        await using var http = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template(), ResponsesTransportMode.Http);
        ToolLoopResult overHttp = await ClientTestHost.ScriptedLoop(http).RunAsync(ClientTestHost.FirstInput(), ClientTestHost.Timeout());

        foreach (ToolLoopResult result in new[] { overWs, overHttp })
        {
            Assert.Equal(ScriptedCodingAgent.TotalToolCalls, result.ToolCalls);
            Assert.Equal(ScriptedCodingAgent.TurnCount, result.Turns.Count);
            Assert.Equal("response.completed", result.Final.TerminalEvent);
            Assert.Empty(result.Final.FunctionCalls);
        }

        // WebSocket: after the first turn every request chains and carries only that turn's tool outputs (≤ 2 × 8 KB + envelope).
        Assert.True(overWs.Turns[0].SentFullContext);
        Assert.All(overWs.Turns.Skip(1), t => Assert.False(t.SentFullContext));
        Assert.All(overWs.Turns.Skip(1), t => Assert.InRange(t.BytesSent, 1, 24 * 1024));

        // HTTP: the full context every turn, so every request is larger than the one before.
        Assert.All(overHttp.Turns, t => Assert.True(t.SentFullContext));
        for (int i = 1; i < overHttp.Turns.Count; i++)
        {
            Assert.True(overHttp.Turns[i].BytesSent > overHttp.Turns[i - 1].BytesSent, $"turn {i}");
        }

        long wsTotal = overWs.Turns.Sum(t => t.BytesSent);
        long httpTotal = overHttp.Turns.Sum(t => t.BytesSent);
        Assert.True(wsTotal * 5 <= httpTotal, $"WebSocket sent {wsTotal} bytes, HTTP {httpTotal}");
        Assert.Equal(1, ws.Connects);
        Assert.Equal(0, ws.Reconnects);
        Assert.Equal(wsTotal, ws.BytesSent);
        Assert.Equal(ScriptedCodingAgent.TurnCount - 1, server.Counters.ConnectionCacheHits);
    }

    [Fact]
    public async Task RotatesBeforeTheAgeLimitMidLoop()
    {
        // Each response takes ≥ 100 ms, so the 19 turns span several 1-second client age limits; the server's is 2 s.
        await using EmulatorServer server = await ClientTestHost.StartAsync(o =>
        {
            o.ConnectionAgeLimit = TimeSpan.FromSeconds(2);
            o.CostModel = EmulatorCostModel.Zero with { PerRequestOverhead = TimeSpan.FromMilliseconds(100) };
        });
        ResponsesClientOptions options = ClientTestHost.Options(server);
        options.MaxConnectionAge = TimeSpan.FromSeconds(1);
        await using var session = new ResponsesSession(options, ClientTestHost.Template());

        ToolLoopResult result = await ClientTestHost.ScriptedLoop(session).RunAsync(ClientTestHost.FirstInput(), ClientTestHost.Timeout());

        Assert.Equal(ScriptedCodingAgent.TotalToolCalls, result.ToolCalls);
        Assert.True(session.Rotations >= 1, $"rotations: {session.Rotations}");
        Assert.Equal(session.Rotations, session.Reconnects);
        Assert.Equal(session.Connects, server.Counters.WebSocketConnections);
        Assert.Equal(ScriptedCodingAgent.TurnCount, server.Counters.Responses);

        // The first turn on each new connection carries the full context (the cache died with the old socket).
        Assert.Equal(session.Connects, result.Turns.Count(t => t.SentFullContext));
        Assert.Equal(0, server.Counters.PreviousResponseNotFound);
    }

    [Fact]
    public async Task ConcurrentSessionsAccountForEveryEvent()
    {
        const int Sessions = 32;
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        var ct = ClientTestHost.Timeout();

        int[] toolCalls = await Task.WhenAll(Enumerable.Range(0, Sessions).Select(async _ =>
        {
            await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template());
            session.Template.Tools = ProtocolCore.Emulator.ScriptedTools.CreateDefinitions();
            var input = ClientTestHost.FirstInput();
            int calls = 0;
            for (int turn = 0; turn < 50; turn++)
            {
                int expected = 0;
                ProtocolCore.Events.ResponsesEvent? last = null;
                await foreach (ProtocolCore.Events.ResponsesEvent e in session.RunTurnAsync(input, ct))
                {
                    // Per response, sequence numbers run 0, 1, 2... with no gap and no event of another response.
                    Assert.Equal(expected++, e.SequenceNumber);
                    last = e;
                }

                Assert.IsType<ProtocolCore.Events.ResponseCompletedEvent>(last);
                Assert.Equal(expected, session.LastTurn!.EventCount);
                if (session.LastTurn.FunctionCalls.Count == 0)
                {
                    return calls;
                }

                calls += session.LastTurn.FunctionCalls.Count;
                input = ClientTestHost.Outputs(session.LastTurn.FunctionCalls);
            }

            throw new InvalidOperationException("The task did not finish.");
        }));

        Assert.All(toolCalls, c => Assert.Equal(ScriptedCodingAgent.TotalToolCalls, c));
        Assert.Equal(Sessions, server.Counters.WebSocketConnections);
        Assert.Equal(Sessions * ScriptedCodingAgent.TurnCount, server.Counters.Responses);
    }
}
