using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;
using ProtocolCore.Json;
using ProtocolCore.Models;
using ProtocolCore.Requests;

namespace ProtocolCore.Client.Tests;

/// <summary>
/// Issue 15: the view path keeps a finished output item as the JSON the server sent and reads the terminal event
/// instead of decoding it: a full-context resend writes those bytes back unchanged, and what callers see
/// (<see cref="ResponsesSession.Conversation"/>, <see cref="ResponsesTurnResult.Output"/>,
/// <see cref="ResponsesTurnResult.FunctionCalls"/>, usage) is what the owned path gives.
/// </summary>
public sealed class KeptRawItemTests
{
    /// <summary>An item as a server may write it: <c>type</c> not first, escaped characters the client writes unescaped.</summary>
    private const string ServerMessage = """{"id":"msg_1","type":"message","status":"completed","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"It\u2019s 40\u00b0C in Florence.\n"}],"role":"assistant"}""";

    private const string ServerReasoning = """{"id":"rs_1","type":"reasoning","summary":[]}""";

    private const string ServerCall = """{"id":"fc_1","type":"function_call","status":"completed","arguments":"{\"city\":\"Florence\"}","call_id":"call_1","name":"get_weather"}""";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AFullContextResendAfterAReconnectCarriesTheItemsAsTheServerSentThem(bool canonical)
    {
        string[] items = canonical ? [Canonical(ServerReasoning), Canonical(ServerCall), Canonical(ServerMessage)] : [ServerReasoning, ServerCall, ServerMessage];
        var requests = new Dictionary<bool, List<JsonDocument>> { [false] = [], [true] = [] };
        var results = new Dictionary<bool, (ResponsesSession Session, ResponsesTurnResult First)>();
        foreach (bool views in new[] { false, true })
        {
            List<JsonDocument> received = requests[views];
            await using var server = new ScriptedWebSocketServer(async connection =>
            {
                JsonDocument request = await connection.ReadRequestAsync();
                lock (received)
                {
                    received.Add(request);
                }

                await connection.SendAsync([.. Turn("resp_" + (connection.Index + 1), items)]);
                if (connection.Index == 0)
                {
                    // Going away between turns: the next turn reconnects, and the new socket has no cached state.
                    await connection.SendCloseAsync(1001);
                    await connection.ReadCloseAsync();
                    return;
                }

                await connection.HoldAsync();
            });
            var session = new ResponsesSession(Options(server), new ResponseCreateRequest { Model = "gpt-5", Store = false });
            CancellationToken ct = ClientTestHost.Timeout();
            await DrainAsync(session, views, [new Message { Role = MessageRole.User, Content = new MessageContent("Weather?") }], ct);
            ResponsesTurnResult first = session.LastTurn!;
            await DrainAsync(session, views, [.. first.FunctionCalls.Select(c => new FunctionCallOutput { CallId = c.CallId, Output = "40C" })], ct);
            Assert.True(session.LastTurn!.SentFullContext);
            Assert.Equal(2, server.Accepted);
            Assert.Empty(server.Failures);
            results[views] = (session, first);
        }

        (ResponsesSession owned, ResponsesTurnResult ownedFirst) = results[false];
        (ResponsesSession viewed, ResponsesTurnResult viewedFirst) = results[true];
        await using (owned)
        await using (viewed)
        {
            JsonElement viewInput = requests[true][1].RootElement.GetProperty("input");
            JsonElement ownedInput = requests[false][1].RootElement.GetProperty("input");
            Assert.Equal(5, viewInput.GetArrayLength());

            // The view path resends each output item byte for byte as it came; the owned path writes its model back, the same JSON.
            for (int i = 0; i < items.Length; i++)
            {
                Assert.Equal(items[i], viewInput[1 + i].GetRawText());
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(items[i]), JsonNode.Parse(ownedInput[1 + i].GetRawText())), ownedInput[1 + i].GetRawText());
            }

            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(requests[false][1].RootElement.GetRawText()), JsonNode.Parse(requests[true][1].RootElement.GetRawText())));
            if (canonical)
            {
                // Items as the client writes them: the two requests are the same bytes.
                Assert.Equal(requests[false][1].RootElement.GetRawText(), requests[true][1].RootElement.GetRawText());
            }

            // What callers see is the owned path's: the conversation, the output, the calls and usage.
            Assert.Equal(owned.Conversation.Select(ProtocolJson.ToJsonString), viewed.Conversation.Select(ProtocolJson.ToJsonString));
            Assert.Equal(owned.Conversation.Select(i => i.GetType()), viewed.Conversation.Select(i => i.GetType()));
            Assert.Equal(ownedFirst.Output.Select(ProtocolJson.ToJsonString), viewedFirst.Output.Select(ProtocolJson.ToJsonString));
            Assert.Equal(ownedFirst.FunctionCalls.Select(ProtocolJson.ToJsonString), viewedFirst.FunctionCalls.Select(ProtocolJson.ToJsonString));
            Assert.Equal("""{"city":"Florence"}""", Assert.Single(viewedFirst.FunctionCalls).Arguments);
            Assert.Equal("It\u2019s 40\u00b0C in Florence.\n", ((OutputTextContent)((Message)viewedFirst.Output[2]).Content!.Parts![0]).Text);
            Assert.Equal(ProtocolJson.ToJsonString(ownedFirst.Usage!), ProtocolJson.ToJsonString(viewedFirst.Usage!));
            Assert.Equal(ownedFirst.ServiceTier, viewedFirst.ServiceTier);
            Assert.True(viewedFirst.ServiceTier!.Value.Is(ServiceTier.Default));
            Assert.Null(viewedFirst.Response);

            // Decoded once: every list shows the same instance, as on the owned path.
            Assert.Same(viewedFirst.Output[1], viewedFirst.FunctionCalls[0]);
            Assert.Same(viewedFirst.Output[1], viewed.Conversation[2]);
            Assert.Same(ownedFirst.Output[1], ownedFirst.FunctionCalls[0]);
        }
    }

    [Fact]
    public async Task ATerminalOutputThatDiffersFromTheStreamedItemsIsTheOneKept()
    {
        // The done events carry in-progress items; the terminal response's output is the final word (as on the owned path).
        string partial = ServerMessage.Replace("in Florence.", "in", StringComparison.Ordinal);
        var outputs = new List<string>();
        foreach (bool views in new[] { false, true })
        {
            await using var server = new ScriptedWebSocketServer(async connection =>
            {
                await connection.ReadRequestAsync();
                List<string> events = Turn("resp_1", [partial]);
                events[^1] = events[^1].Replace(partial, ServerMessage, StringComparison.Ordinal);
                await connection.SendAsync([.. events]);
                await connection.HoldAsync();
            });
            await using var session = new ResponsesSession(Options(server), new ResponseCreateRequest { Model = "gpt-5" });
            await DrainAsync(session, views, [new Message { Role = MessageRole.User, Content = new MessageContent("Weather?") }], ClientTestHost.Timeout());
            outputs.Add(string.Join("\n", session.Conversation.Select(ProtocolJson.ToJsonString)));
            Assert.Contains("in Florence.", ProtocolJson.ToJsonString(session.LastTurn!.Output[0]), StringComparison.Ordinal);
        }

        Assert.Equal(outputs[0], outputs[1]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnIncompleteOrFailedEndIsReportedTheSameOnBothPaths(bool failed)
    {
        string end = failed
            ? """{"type":"response.failed","sequence_number":2,"response":{"id":"resp_1","object":"response","status":"failed","error":{"code":"server_error","message":"It broke."},"output":[]}}"""
            : """{"type":"response.incomplete","sequence_number":2,"response":{"id":"resp_1","object":"response","status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},"output":[],"usage":{"input_tokens":3,"output_tokens":9,"total_tokens":12}}}""";
        var seen = new List<string>();
        foreach (bool views in new[] { false, true })
        {
            await using var server = new ScriptedWebSocketServer(async connection =>
            {
                await connection.ReadRequestAsync();
                await connection.SendAsync(
                    ScriptedWebSocketConnection.Created("resp_1"),
                    $$"""{"type":"response.output_item.done","sequence_number":1,"output_index":0,"item":{{ServerReasoning}}}""",
                    end);
                await connection.HoldAsync();
            });
            await using var session = new ResponsesSession(Options(server), new ResponseCreateRequest { Model = "gpt-5" });
            await DrainAsync(session, views, [new Message { Role = MessageRole.User, Content = new MessageContent("Go.") }], ClientTestHost.Timeout());
            ResponsesTurnResult result = session.LastTurn!;
            Assert.Equal(views, result.Response is null);
            seen.Add($"{result.TerminalEvent} {result.ResponseId} {result.Error?.Code} {result.Error?.Message} {result.IncompleteDetails?.Reason} {result.Usage?.OutputTokens} "
                + $"{session.LastResponseId} {string.Join(",", session.Conversation.Select(ProtocolJson.ToJsonString))} {string.Join(",", result.Output.Select(ProtocolJson.ToJsonString))}");
        }

        Assert.Equal(seen[0], seen[1]);
        Assert.Contains(failed ? "server_error It broke." : "MaxOutputTokens 9", seen[1], StringComparison.Ordinal);
    }

    private static async Task DrainAsync(ResponsesSession session, bool views, List<InputItem> items, CancellationToken ct)
    {
        await foreach (ResponsesEvent _ in views ? session.ReadTurnAsync(items, ct) : session.RunTurnAsync(items, ct))
        {
        }
    }

    /// <summary>A turn whose output is <paramref name="items"/>, each streamed as <c>output_item.done</c> and repeated in <c>response.completed</c>.</summary>
    private static List<string> Turn(string id, IReadOnlyList<string> items)
    {
        var events = new List<string> { ScriptedWebSocketConnection.Created(id) };
        for (int i = 0; i < items.Count; i++)
        {
            events.Add($$"""{"type":"response.output_item.done","sequence_number":{{i + 1}},"output_index":{{i}},"item":{{items[i]}}}""");
        }

        events.Add($$$"""{"type":"response.completed","sequence_number":{{{items.Count + 1}}},"response":{"id":"{{{id}}}","object":"response","status":"completed","service_tier":"default","output":[{{{string.Join(",", items)}}}],"usage":{"input_tokens":12,"input_tokens_details":{"cached_tokens":0},"output_tokens":37,"output_tokens_details":{"reasoning_tokens":5},"total_tokens":49}""" + "}}");
        return events;
    }

    /// <summary>The item as the client writes it (its model's member order and escaping).</summary>
    private static string Canonical(string item)
    {
        ResponsesEvent e = ResponsesEventReader.Parse($$"""{"type":"response.output_item.done","item":{{item}}}""");
        return ProtocolJson.ToJsonString(((OutputItemDoneEvent)e).Item!);
    }

    private static ResponsesClientOptions Options(ScriptedWebSocketServer server) => new()
    {
        BaseUrl = server.BaseUrl,
        ApiKey = ClientTestHost.ApiKey,
        ReconnectBaseDelay = TimeSpan.FromMilliseconds(1),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(10),
    };
}
