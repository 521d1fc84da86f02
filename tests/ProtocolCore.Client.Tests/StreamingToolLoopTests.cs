using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using ProtocolCore.Emulator;
using ProtocolCore.Events;
using ProtocolCore.Json;
using ProtocolCore.Models;
using ProtocolCore.Requests;

namespace ProtocolCore.Client.Tests;

public sealed class StreamingToolLoopTests
{
    [Fact]
    public async Task StreamYieldsEveryTurnsEventsWhileRunningTools()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template());
        ToolLoop loop = ClientTestHost.ScriptedLoop(session);
        var turns = new List<ResponsesTurnResult>();
        loop.TurnCompleted = turns.Add;

        var text = new StringBuilder();
        int created = 0;
        int eventsBeforeLastTurn = -1;
        await foreach (ResponsesEvent e in loop.StreamAsync(ClientTestHost.FirstInput(), ClientTestHost.Timeout()))
        {
            created += e is ResponseCreatedEvent ? 1 : 0;
            if (e is OutputTextDeltaEvent delta)
            {
                text.Append(delta.Delta.ToString());

                // Deltas arrive while the loop runs: the earlier turns are done, the last one is not yet.
                eventsBeforeLastTurn = turns.Count;
            }
        }

        Assert.Equal(ScriptedCodingAgent.FinalMessage, text.ToString());
        Assert.Equal(ScriptedCodingAgent.TurnCount, created);
        Assert.Equal(ScriptedCodingAgent.TurnCount, turns.Count);
        Assert.Equal(ScriptedCodingAgent.TurnCount - 1, eventsBeforeLastTurn);
        Assert.Equal(ScriptedCodingAgent.TotalToolCalls, turns.Sum(t => t.FunctionCalls.Count));
        Assert.Equal(ScriptedCodingAgent.TurnCount - 1, server.Counters.ConnectionCacheHits);
        Assert.Contains(session.Template.Tools!, t => t is FunctionTool { Name: "read_file" });
    }

    [Fact]
    public async Task StreamEndsWithTheServersErrorWhenATurnFails()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template());
        ClientTestHost.Fault(session, "response_failed");
        ToolLoop loop = ClientTestHost.ScriptedLoop(session);

        var seen = new List<ResponsesEvent>();
        await Assert.ThrowsAsync<ResponsesApiException>(async () =>
        {
            await foreach (ResponsesEvent e in loop.StreamAsync(ClientTestHost.FirstInput(), ClientTestHost.Timeout()))
            {
                seen.Add(e);
            }
        });

        Assert.IsType<ResponseFailedEvent>(seen[^1]);
        Assert.Throws<ArgumentNullException>(() => loop.StreamAsync(null!));
    }

    [Fact]
    public void HelpersBuildTheItemsEverybodyWrites()
    {
        Message user = InputItems.UserMessage("a \"quoted\" word");
        AssertJson("""{"type":"message","role":"user","content":[{"type":"input_text","text":"a \"quoted\" word"}]}""", ProtocolJson.ToJsonString<InputItem>(user));

        var call = new FunctionCall { CallId = "call_1", Name = "read_file", Arguments = "{}" };
        FunctionCallOutput output = InputItems.FunctionCallOutput(call, "contents");
        AssertJson("""{"type":"function_call_output","call_id":"call_1","output":"contents"}""", ProtocolJson.ToJsonString<InputItem>(output));
        Assert.Throws<ArgumentException>(() => InputItems.FunctionCallOutput(new FunctionCall { Name = "x" }, "out"));

        FunctionTool tool = FunctionTools.Create("read_file", "Read a file.", """{"type":"object","properties":{"path":{"type":"string"}}}""");
        AssertJson("""{"type":"function","name":"read_file","description":"Read a file.","parameters":{"type":"object","properties":{"path":{"type":"string"}}}}""", ProtocolJson.ToJsonString<Tool>(tool));
        Assert.Throws<ArgumentException>(() => FunctionTools.Create("f", null, "{not json"));
        Assert.Throws<ArgumentException>(() => FunctionTools.Create("f", null, "[1]"));
        Assert.Throws<ArgumentException>(() => FunctionTools.Create("", null, "{}"));
    }

    private static void AssertJson(string expected, string actual)
    {
        using var e = System.Text.Json.JsonDocument.Parse(expected);
        using var a = System.Text.Json.JsonDocument.Parse(actual);
        Assert.True(System.Text.Json.JsonElement.DeepEquals(e.RootElement, a.RootElement), actual);
    }
}
