using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Emulator;
using ProtocolCore.Events;
using ProtocolCore.Json;
using ProtocolCore.Models;
using ProtocolCore.Requests;

namespace ProtocolCore.Client.Tests;

/// <summary>
/// <see cref="ResponsesSession.ReadTurnAsync"/>: views valid until the next event, and otherwise the same turn as
/// <see cref="ResponsesSession.RunTurnAsync"/> (events, result, chain, retries, cancellation, errors).
/// </summary>
public sealed class ReadTurnAsyncTests
{
    /// <summary>Text deltas with escapes (unescaped into the reader's scratch) and without (views into the message).</summary>
    private static readonly string[] Deltas = ["Hello", " wor\u00e9ld", "\n", "line \"two\"", "\t", "caf\u00e9", "!", " \\o/", " end"];

    [Fact]
    public async Task EachViewIsValidUntilTheNextMoveNextAndIsThenReused()
    {
        await using var server = new ScriptedWebSocketServer(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.SendAsync([.. ScriptedTurn("resp_1")]);
            await connection.HoldAsync();
        });
        await using var session = new ResponsesSession(Options(server), new ResponseCreateRequest { Model = "gpt-5" });
        CancellationToken ct = ClientTestHost.Timeout();

        var texts = new List<string>();
        OutputTextDeltaEvent? first = null;
        bool reused = true;
        await foreach (ResponsesEvent e in session.ReadTurnAsync(Input("hi"), ct))
        {
            if (e is OutputTextDeltaEvent delta)
            {
                // Read at its turn: valid. The same instance comes back for the next delta (a view, overwritten).
                texts.Add(delta.Delta!.Value.ToString());
                first ??= delta;
                reused &= ReferenceEquals(first, delta);
            }
        }

        Assert.Equal(Deltas, texts);
        Assert.True(reused);
        Assert.Equal("resp_1", session.LastResponseId);
        Assert.Empty(server.Failures);
    }

    [Fact]
    public async Task TheDecoderIsHeldOnlyWhileTheTurnRuns_EvenWhenTheCallerStopsEarly()
    {
        await using var server = new ScriptedWebSocketServer(async connection =>
        {
            for (int turn = 1; turn <= 2; turn++)
            {
                await connection.ReadRequestAsync();
                await connection.SendAsync([.. ScriptedTurn($"resp_{turn}")]);
            }

            await connection.HoldAsync();
        });
        await using var session = new ResponsesSession(Options(server), new ResponseCreateRequest { Model = "gpt-5" });
        CancellationToken ct = ClientTestHost.Timeout();
        Assert.False(session.HoldsViewReader);

        bool heldDuring = true;
        await foreach (ResponsesEvent _ in session.ReadTurnAsync(Input("hi"), ct))
        {
            heldDuring &= session.HoldsViewReader;
        }

        Assert.True(heldDuring);
        Assert.False(session.HoldsViewReader); // An idle session holds no decoder: it went back to the pool.

        await foreach (ResponsesEvent e in session.ReadTurnAsync(Input("again"), ct))
        {
            if (e is OutputTextDeltaEvent)
            {
                Assert.True(session.HoldsViewReader);
                break; // Disposing the turn early gives the decoder back too.
            }
        }

        Assert.False(session.HoldsViewReader);
        Assert.Empty(server.Failures);
    }

    [Fact]
    public async Task TheTurnResultAndTheChainAreRunTurnAsyncs()
    {
        var requests = new List<JsonDocument>();
        await using var server = new ScriptedWebSocketServer(async connection =>
        {
            for (int turn = 1; turn <= 2; turn++)
            {
                JsonDocument request = await connection.ReadRequestAsync();
                lock (requests)
                {
                    requests.Add(request);
                }

                await connection.SendAsync([.. ScriptedTurn($"resp_{turn}")]);
            }

            await connection.HoldAsync();
        });

        var runs = new List<(List<string> Events, ResponsesSession Session)>();
        foreach (bool views in new[] { false, true })
        {
            var session = new ResponsesSession(Options(server), new ResponseCreateRequest { Model = "gpt-5", Store = false });
            CancellationToken ct = ClientTestHost.Timeout();
            var events = new List<string>();
            await foreach (ResponsesEvent e in Turn(session, views, Input("hi"), ct))
            {
                events.Add(ResponsesEventJson.ToJsonString(e));
            }

            List<InputItem> outputs = [.. session.LastTurn!.FunctionCalls.Select(c => new FunctionCallOutput { CallId = c.CallId, Output = "22C" })];
            await foreach (ResponsesEvent e in Turn(session, views, outputs, ct))
            {
                events.Add(ResponsesEventJson.ToJsonString(e));
            }

            runs.Add((events, session));
        }

        (List<string> ownedEvents, ResponsesSession owned) = runs[0];
        (List<string> viewEvents, ResponsesSession viewed) = runs[1];
        await using (owned)
        await using (viewed)
        {
            Assert.Equal(ownedEvents, viewEvents);
            Assert.Equal(2 * ScriptedTurn("x").Count, viewEvents.Count);
            ResponsesTurnResult a = owned.LastTurn!;
            ResponsesTurnResult b = viewed.LastTurn!;
            Assert.Equal("resp_2", b.ResponseId);
            Assert.Equal(a.ResponseId, b.ResponseId);
            Assert.Equal(a.TerminalEvent, b.TerminalEvent);
            Assert.Equal(a.EventCount, b.EventCount);
            Assert.Equal(a.SentFullContext, b.SentFullContext);
            Assert.NotNull(a.Response);
            Assert.Null(b.Response); // The view path reads the terminal event, it does not keep it.
            Assert.Equal(ProtocolJson.ToJsonString(a.Usage!), ProtocolJson.ToJsonString(b.Usage!));
            Assert.Equal(37, b.Usage!.OutputTokens);
            Assert.Equal(a.ServiceTier, b.ServiceTier);
            Assert.Equal(a.Output.Select(ProtocolJson.ToJsonString), b.Output.Select(ProtocolJson.ToJsonString));
            Assert.Equal(2, b.Output.Count);
            Assert.Equal(a.FunctionCalls.Select(ProtocolJson.ToJsonString), b.FunctionCalls.Select(ProtocolJson.ToJsonString));
            Assert.Equal("""{"city":"Paris"}""", Assert.Single(b.FunctionCalls).Arguments);
            Assert.Equal(owned.Conversation.Select(ProtocolJson.ToJsonString), viewed.Conversation.Select(ProtocolJson.ToJsonString));
            Assert.Equal(owned.LastResponseId, viewed.LastResponseId);
        }

        // Both sessions chained their second turn from the first response with only the new items.
        Assert.Equal(4, requests.Count);
        foreach (JsonDocument second in requests.Where(r => r.RootElement.TryGetProperty("previous_response_id", out _)))
        {
            Assert.Equal("resp_1", second.RootElement.GetProperty("previous_response_id").GetString());
            Assert.Equal("function_call_output", Assert.Single(second.RootElement.GetProperty("input").EnumerateArray()).GetProperty("type").GetString());
        }

        Assert.Equal(2, requests.Count(r => r.RootElement.TryGetProperty("previous_response_id", out _)));
        Assert.Empty(server.Failures);
    }

    [Fact]
    public async Task AToolLoopOnTheEmulatorGivesTheSameCallsAndOutputAsRunTurnAsync()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        CancellationToken ct = ClientTestHost.Timeout();
        var transcripts = new List<List<string>>();
        foreach (bool views in new[] { false, true })
        {
            await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template());
            session.Template.Tools = ScriptedTools.CreateDefinitions();
            var transcript = new List<string>();
            List<InputItem> next = ClientTestHost.FirstInput();
            for (int turn = 0; turn < 3 && next.Count > 0; turn++)
            {
                var text = new StringBuilder();
                await foreach (ResponsesEvent e in Turn(session, views, next, ct))
                {
                    if (e is OutputTextDeltaEvent { Delta: { } delta })
                    {
                        text.Append(delta.ToString());
                    }
                }

                ResponsesTurnResult result = session.LastTurn!;
                transcript.Add($"{result.TerminalEvent} full={result.SentFullContext} text={text} output={result.Output.Count} usage={result.Usage!.OutputTokens}");
                transcript.AddRange(result.FunctionCalls.Select(c => $"call {c.Name} {c.Arguments}"));
                Assert.Equal(result.ResponseId, session.LastResponseId);
                next = ClientTestHost.Outputs(result.FunctionCalls);
            }

            transcripts.Add(transcript);
        }

        Assert.Contains(transcripts[1], line => line.StartsWith("call ", StringComparison.Ordinal));
        Assert.Equal(transcripts[0], transcripts[1]);
    }

    [Fact]
    public async Task OtherLanesEventsReadDuringAViewTurnAreBufferedIntact()
    {
        int requests = 0;
        var bothSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new ScriptedWebSocketServer(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.ReadRequestAsync();
            Interlocked.Exchange(ref requests, 2);

            // Lane a's and lane b's events interleaved, one frame each.
            List<string> a = ScriptedTurn("resp_a", "a");
            List<string> b = ScriptedTurn("resp_b", "b");
            for (int i = 0; i < a.Count; i++)
            {
                await connection.SendAsync(a[i], b[i]);
            }

            await connection.HoldAsync();
        });
        CancellationToken ct = ClientTestHost.Timeout();
        await using ResponsesConnection connection = await ResponsesConnection.ConnectAsync(Options(server), ct);
        await using var viewer = new ResponsesSession(connection, new ResponseCreateRequest { Model = "gpt-5", StreamId = "a" });
        await using var owner = new ResponsesSession(connection, new ResponseCreateRequest { Model = "gpt-5", StreamId = "b" });

        // Lane b sends and takes its first event, then its caller stops reading: lane a's view reader reads the rest of
        // the socket and buffers lane b's events, reading each into the view buffer it reuses for its own.
        await using IAsyncEnumerator<ResponsesEvent> turnB = owner.RunTurnAsync(Input("b"), ct).GetAsyncEnumerator(ct);
        Task<bool> firstB = turnB.MoveNextAsync().AsTask();
        var textA = new List<string>();
        await foreach (ResponsesEvent e in viewer.ReadTurnAsync(Input("a"), ct))
        {
            if (e is OutputTextDeltaEvent { Delta: { } delta })
            {
                textA.Add(delta.ToString());
            }
        }

        Assert.True(await firstB);
        var eventsB = new List<ResponsesEvent> { turnB.Current };
        while (await turnB.MoveNextAsync())
        {
            eventsB.Add(turnB.Current);
        }

        Assert.Equal(Deltas, textA);
        Assert.Equal(ScriptedTurn("resp_b", "b"), eventsB.Select(ResponsesEventJson.ToJsonString));
        Assert.Equal(Deltas, eventsB.OfType<OutputTextDeltaEvent>().Select(d => d.Delta!.Value.ToString()));
        Assert.Equal("resp_a", viewer.LastResponseId);
        Assert.Equal("resp_b", owner.LastResponseId);
        Assert.Equal(2, Volatile.Read(ref requests));
        Assert.Empty(server.Failures);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CancellingMidTurnClosesTheSocketAndTheNextTurnSendsTheFullContext(bool views)
    {
        var requests = new List<JsonDocument>();
        await using var server = new ScriptedWebSocketServer(async connection =>
        {
            JsonDocument request = await connection.ReadRequestAsync();
            lock (requests)
            {
                requests.Add(request);
            }

            // The first connection's second turn stalls after three deltas; the next connection answers in full.
            List<string> turn = ScriptedTurn("resp_" + (connection.Index + 1) + "_1");
            await connection.SendAsync([.. turn]);
            if (connection.Index == 0)
            {
                request = await connection.ReadRequestAsync();
                lock (requests)
                {
                    requests.Add(request);
                }

                await connection.SendAsync([.. ScriptedTurn("resp_1_2").Take(9)]);
            }

            await connection.HoldAsync();
        });
        await using var session = new ResponsesSession(Options(server), new ResponseCreateRequest { Model = "gpt-5", Store = false });
        CancellationToken ct = ClientTestHost.Timeout();
        await foreach (ResponsesEvent _ in Turn(session, views, Input("one"), ct))
        {
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        int seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (ResponsesEvent e in Turn(session, views, Input("two"), cancel.Token))
            {
                if (e is OutputTextDeltaEvent && ++seen == 2)
                {
                    await cancel.CancelAsync();
                }
            }
        });

        Assert.Equal(2, seen);
        Assert.Equal("resp_1_1", session.LastResponseId);
        Assert.False(session.Connection?.IsOpen ?? false);

        // The cancelled turn is not in the conversation; the next one reconnects and sends everything.
        await foreach (ResponsesEvent _ in Turn(session, views, Input("three"), ct))
        {
        }

        Assert.Equal("resp_2_1", session.LastResponseId);
        Assert.True(session.LastTurn!.SentFullContext);
        Assert.Equal(2, server.Accepted);
        JsonDocument last = requests[^1];
        Assert.False(last.RootElement.TryGetProperty("previous_response_id", out _));
        Assert.Equal(4, last.RootElement.GetProperty("input").GetArrayLength());
        Assert.Empty(server.Failures);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PreviousResponseNotFoundIsRetriedWithTheFullContextAsOnTheOwnedPath(bool views)
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        CancellationToken ct = ClientTestHost.Timeout();
        await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template());
        session.Template.Tools = ScriptedTools.CreateDefinitions();
        ResponsesTurnResult first = await DrainAsync(session, views, ClientTestHost.FirstInput(), ct);
        List<InputItem> outputs = ClientTestHost.Outputs(first.FunctionCalls);

        // A stranger's request replaces turn 1 in the connection cache; chaining from it is answered with previous_response_not_found.
        await ClientTestHost.EvictFromConnectionCacheAsync(session, ct);
        ResponsesTurnResult retried = await DrainAsync(session, views, outputs, ct);

        Assert.Equal("response.completed", retried.TerminalEvent);
        Assert.Equal(1, retried.Retries);
        Assert.True(retried.SentFullContext);
        Assert.Equal(1, server.Counters.PreviousResponseNotFound);
        string? previous = null;
        await foreach (ResponsesEvent e in Turn(session, views, ClientTestHost.Outputs(retried.FunctionCalls), ct))
        {
            if (e is ResponseCompletedEvent { Response: { } response })
            {
                previous = response.PreviousResponseId; // Read while the (view) event is current.
            }
        }

        Assert.False(session.LastTurn!.SentFullContext);
        Assert.Equal(retried.ResponseId, previous);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnAbruptCloseMidResponseIsReportedAndNotReplayedAsOnTheOwnedPath(bool views)
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        CancellationToken ct = ClientTestHost.Timeout();
        await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template());
        session.Template.Tools = ScriptedTools.CreateDefinitions();
        ResponsesTurnResult first = await DrainAsync(session, views, ClientTestHost.FirstInput(), ct);
        ClientTestHost.Fault(session, "abrupt_close");

        ResponseInterruptedException e = await Assert.ThrowsAsync<ResponseInterruptedException>(() => DrainAsync(session, views, ClientTestHost.Outputs(first.FunctionCalls), ct));
        Assert.True(e.EventsReceived > 0);
        Assert.Equal(2, server.Counters.Responses);
        Assert.Equal(first.ResponseId, session.LastResponseId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnErrorEventIsYieldedThenThrownAsOnTheOwnedPath(bool views)
    {
        await using var server = new ScriptedWebSocketServer(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.SendAsync(
                ScriptedWebSocketConnection.Created("resp_err"),
                """{"type":"error","sequence_number":1,"error":{"type":"invalid_request_error","code":"server_error","message":"It broke."}}""");
            await connection.HoldAsync();
        });
        await using var session = new ResponsesSession(Options(server), new ResponseCreateRequest { Model = "gpt-5" });
        var types = new List<string>();
        ResponsesApiException e = await Assert.ThrowsAsync<ResponsesApiException>(async () =>
        {
            await foreach (ResponsesEvent item in Turn(session, views, Input("hi"), ClientTestHost.Timeout()))
            {
                types.Add(item.Type);
            }
        });

        Assert.Equal(["response.created", "error"], types);
        Assert.Equal("server_error", e.Code);
        Assert.Null(session.LastResponseId);
        Assert.Empty(session.Conversation);
    }

    [Fact]
    public async Task HttpModeReadsTheSameTurnAsRunTurnAsync()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        CancellationToken ct = ClientTestHost.Timeout();
        var runs = new List<(List<string> Types, string Text, ResponsesTurnResult Result)>();
        foreach (bool views in new[] { false, true })
        {
            await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template(), ResponsesTransportMode.Http);
            session.Template.Tools = ScriptedTools.CreateDefinitions();
            var types = new List<string>();
            var text = new StringBuilder();
            await foreach (ResponsesEvent e in Turn(session, views, ClientTestHost.FirstInput(), ct))
            {
                types.Add(e.Type);
                if (e is FunctionCallArgumentsDeltaEvent { Delta: { } delta })
                {
                    text.Append(delta.ToString());
                }
            }

            Assert.Equal(ResponsesTransportMode.Http, session.Mode);
            runs.Add((types, text.ToString(), session.LastTurn!));
        }

        Assert.Equal(runs[0].Types, runs[1].Types);
        Assert.Equal(runs[0].Text, runs[1].Text);
        Assert.NotEmpty(runs[1].Result.FunctionCalls);
        Assert.Equal(runs[0].Result.FunctionCalls.Select(c => c.Name + c.Arguments), runs[1].Result.FunctionCalls.Select(c => c.Name + c.Arguments));
        Assert.Equal(runs[0].Result.Output.Count, runs[1].Result.Output.Count);
        Assert.Equal(runs[0].Result.Response!.Usage!.OutputTokens, runs[1].Result.Usage!.OutputTokens);
        Assert.Same(runs[0].Result.Response!.Usage, runs[0].Result.Usage);
    }

    private static IAsyncEnumerable<ResponsesEvent> Turn(ResponsesSession session, bool views, List<InputItem> items, CancellationToken ct) =>
        views ? session.ReadTurnAsync(items, ct) : session.RunTurnAsync(items, ct);

    private static async Task<ResponsesTurnResult> DrainAsync(ResponsesSession session, bool views, List<InputItem> items, CancellationToken ct)
    {
        await foreach (ResponsesEvent _ in Turn(session, views, items, ct))
        {
        }

        return session.LastTurn!;
    }

    private static ResponsesClientOptions Options(ScriptedWebSocketServer server) => new()
    {
        BaseUrl = server.BaseUrl,
        ApiKey = ClientTestHost.ApiKey,
        ReconnectBaseDelay = TimeSpan.FromMilliseconds(1),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(10),
    };

    private static List<InputItem> Input(string text) => [new Message { Role = MessageRole.User, Content = new MessageContent(text) }];

    /// <summary>
    /// A turn with a function call (arguments streamed) and a message (text streamed in <see cref="Deltas"/>), usage,
    /// and the response id <paramref name="id"/>; every event on lane <paramref name="lane"/> when it is not null.
    /// </summary>
    private static List<string> ScriptedTurn(string id, string? lane = null)
    {
        string text = string.Concat(Deltas);
        string call = """{"type":"function_call","id":"fc_1","call_id":"call_1","name":"get_weather","arguments":"{\"city\":\"Paris\"}","status":"completed"}""";
        string message = $$"""{"type":"message","id":"msg_1","role":"assistant","status":"completed","content":[{"type":"output_text","text":{{JsonString(text)}},"annotations":[]}]}""";
        var events = new List<string>
        {
            $$"""{"type":"response.created","sequence_number":0,"response":{"id":"{{id}}","object":"response","status":"in_progress","output":[]""" + "}}",
            """{"type":"response.output_item.added","sequence_number":1,"output_index":0,"item":{"type":"function_call","id":"fc_1","call_id":"call_1","name":"get_weather","arguments":"","status":"in_progress"}}""",
            """{"type":"response.function_call_arguments.delta","sequence_number":2,"item_id":"fc_1","output_index":0,"delta":"{\"city\":"}""",
            """{"type":"response.function_call_arguments.delta","sequence_number":3,"item_id":"fc_1","output_index":0,"delta":"\"Paris\"}"}""",
            """{"type":"response.function_call_arguments.done","sequence_number":4,"item_id":"fc_1","output_index":0,"arguments":"{\"city\":\"Paris\"}"}""",
            $$$"""{"type":"response.output_item.done","sequence_number":5,"output_index":0,"item":{{{call}}}}""",
            """{"type":"response.output_item.added","sequence_number":6,"output_index":1,"item":{"type":"message","id":"msg_1","role":"assistant","status":"in_progress","content":[]}}""",
        };
        int sequence = 7;
        foreach (string delta in Deltas)
        {
            events.Add($$"""{"type":"response.output_text.delta","sequence_number":{{sequence++}},"item_id":"msg_1","output_index":1,"content_index":0,"delta":{{JsonString(delta)}},"logprobs":[]}""");
        }

        events.Add($$$"""{"type":"response.output_text.done","sequence_number":{{{sequence++}}},"item_id":"msg_1","output_index":1,"content_index":0,"text":{{{JsonString(text)}}}}""");
        events.Add($$$"""{"type":"response.output_item.done","sequence_number":{{{sequence++}}},"output_index":1,"item":{{{message}}}}""");
        events.Add($$$"""{"type":"response.completed","sequence_number":{{{sequence}}},"response":{"id":"{{{id}}}","object":"response","status":"completed","output":[{{{call}}},{{{message}}}],"usage":{"input_tokens":12,"input_tokens_details":{"cached_tokens":0},"output_tokens":37,"output_tokens_details":{"reasoning_tokens":5},"total_tokens":49""" + "}}}");
        if (lane is null)
        {
            return events;
        }

        // Round-tripped through the model, so the expected JSON is what the client writes back.
        return [.. events.Select(e => "{\"stream_id\":\"" + lane + "\"," + e[1..]).Select(e => ResponsesEventJson.ToJsonString(ResponsesEventReader.Parse(e)))];
    }

    private static string JsonString(string value) => JsonSerializer.Serialize(value);
}
