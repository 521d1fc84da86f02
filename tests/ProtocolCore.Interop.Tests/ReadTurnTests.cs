using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Client;
using ProtocolCore.Events;
using ProtocolCore.Requests;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Interop.Tests;

/// <summary>
/// <see cref="ResponsesConnection"/> has no router task: a caller waiting for an event reads the socket and routes
/// other lanes' events. These tests script the server byte for byte to pin down what that must preserve: a message read
/// late is not mistaken for the next response's, a busy lane's buffer is bounded and loses nothing, and every lane's
/// events arrive in order whichever caller reads them.
/// </summary>
public sealed class ReadTurnTests
{
    [Fact]
    public async Task AnErrorThatArrivedBetweenTurnsDoesNotEndTheNextResponse()
    {
        var errorReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = new ScriptedServer(stream =>
        {
            ReadRequest(stream);
            Send(stream, Created("resp_1", 0), Completed("resp_1", 1));

            // Nobody reads between turns. The ping is a barrier: its pong proves the client's transport has taken in
            // the error, so the next request is armed after it arrived.
            Send(stream, """{"type":"error","status":400,"error":{"type":"invalid_request_error","code":"stray","message":"belongs to no request"}}""");
            stream.Write(ScriptedServer.Frame(WebSocketOpcode.Ping, "barrier"u8));
            Assert.Equal(WebSocketOpcode.Pong, ScriptedServer.ReadFrame(stream).Opcode);
            errorReceived.SetResult();

            ReadRequest(stream);
            Send(stream, Created("resp_2", 0), Completed("resp_2", 1));
            ScriptedServer.ReadClose(stream);
        });

        CancellationToken ct = Timeout();
        await using ResponsesConnection connection = await ResponsesConnection.ConnectAsync(Options(server), ct);
        Assert.Equal(["response.created", "response.completed"], await TypesAsync(connection.SendAsync(Request(null), ct)));
        await errorReceived.Task.WaitAsync(ct);

        Assert.Equal(["response.created", "response.completed"], await TypesAsync(connection.SendAsync(Request(null), ct)));
        Assert.True(connection.IsOpen);
        await connection.CloseAsync(ct);
        await server.Done.WaitAsync(ct);
    }

    [Fact]
    public async Task ABusyLaneBuffersUpToItsLimitThenTheReadingLaneWaitsAndNothingIsLost()
    {
        const int Deltas = 12;
        using var server = new ScriptedServer(stream =>
        {
            ReadRequest(stream);
            Send(stream, Created("resp_a", 0, "a"));
            ReadRequest(stream);

            // Lane a streams more than its buffer holds while its caller is busy; lane b's events come after them.
            var frames = new List<string>();
            for (int i = 0; i < Deltas; i++)
            {
                frames.Add(Delta(i + 1, "a", "d" + i));
            }

            frames.Add(Created("resp_b", 0, "b"));
            frames.Add(Completed("resp_b", 1, "b"));
            frames.Add(Completed("resp_a", Deltas + 1, "a"));
            Send(stream, [.. frames]);
            ScriptedServer.ReadClose(stream);
        });

        CancellationToken ct = Timeout();
        ResponsesClientOptions options = Options(server);
        options.MaxBufferedEventsPerResponse = 4;
        await using ResponsesConnection connection = await ResponsesConnection.ConnectAsync(options, ct);
        await using IAsyncEnumerator<ResponsesEvent> laneA = connection.SendAsync(Request("a"), ct).GetAsyncEnumerator(ct);
        Assert.True(await laneA.MoveNextAsync());
        Assert.IsType<ResponseCreatedEvent>(laneA.Current);

        // Lane b's caller reads the socket and routes lane a's deltas until a's buffer is full: b's own events are
        // behind them, so b's turn cannot end while a's caller is busy.
        Task<List<string>> laneB = TypesAsync(connection.SendAsync(Request("b"), ct));
        Task settled = await Task.WhenAny(laneB, Task.Delay(300, ct));
        Assert.NotSame(laneB, settled);

        var deltas = new List<string>();
        ResponsesEvent? last = null;
        while (await laneA.MoveNextAsync())
        {
            last = laneA.Current;
            if (laneA.Current is OutputTextDeltaEvent delta)
            {
                deltas.Add(delta.Delta?.ToString() ?? "");
                Assert.Equal(deltas.Count, laneA.Current.SequenceNumber);
            }
        }

        Assert.IsType<ResponseCompletedEvent>(last);
        Assert.Equal(Enumerable.Range(0, Deltas).Select(i => "d" + i), deltas);
        Assert.Equal(["response.created", "response.completed"], await laneB);
        Assert.True(connection.IsOpen);
        await connection.CloseAsync(ct);
        await server.Done.WaitAsync(ct);
    }

    [Fact]
    public async Task EveryLaneGetsItsEventsInOrderWhicheverCallerReads()
    {
        const int Lanes = 4;
        const int DeltasPerLane = 50;
        using var server = new ScriptedServer(stream =>
        {
            for (int lane = 0; lane < Lanes; lane++)
            {
                ReadRequest(stream);
            }

            // Interleaved, in one write: each caller in turn reads and routes the others' events.
            var frames = new List<string>();
            for (int lane = 0; lane < Lanes; lane++)
            {
                frames.Add(Created("resp_" + lane, 0, "lane" + lane));
            }

            for (int i = 0; i < DeltasPerLane; i++)
            {
                for (int lane = 0; lane < Lanes; lane++)
                {
                    frames.Add(Delta(i + 1, "lane" + lane, $"{lane}:{i}"));
                }
            }

            for (int lane = Lanes - 1; lane >= 0; lane--)
            {
                frames.Add(Completed("resp_" + lane, DeltasPerLane + 1, "lane" + lane));
            }

            Send(stream, [.. frames]);
            ScriptedServer.ReadClose(stream);
        });

        CancellationToken ct = Timeout();
        await using ResponsesConnection connection = await ResponsesConnection.ConnectAsync(Options(server), ct);
        Task<List<ResponsesEvent>>[] lanes = Enumerable.Range(0, Lanes)
            .Select(lane => CollectAsync(connection.SendAsync(Request("lane" + lane), ct), slowEvery: lane + 1))
            .ToArray();
        List<ResponsesEvent>[] results = await Task.WhenAll(lanes);

        for (int lane = 0; lane < Lanes; lane++)
        {
            List<ResponsesEvent> events = results[lane];
            Assert.Equal(DeltasPerLane + 2, events.Count);
            for (int i = 0; i < events.Count; i++)
            {
                Assert.True(events[i].StreamId?.ValueEquals("lane" + lane));
                Assert.Equal(i, events[i].SequenceNumber);
            }

            Assert.Equal(
                Enumerable.Range(0, DeltasPerLane).Select(i => $"{lane}:{i}"),
                events.OfType<OutputTextDeltaEvent>().Select(d => d.Delta?.ToString()));
        }

        await connection.CloseAsync(ct);
        await server.Done.WaitAsync(ct);
    }

    private static async Task<List<ResponsesEvent>> CollectAsync(IAsyncEnumerable<ResponsesEvent> events, int slowEvery)
    {
        var list = new List<ResponsesEvent>();
        await foreach (ResponsesEvent e in events)
        {
            list.Add(e);

            // Callers that are busy now and then, at different rates, so the read turn changes hands.
            if (list.Count % slowEvery == 0)
            {
                await Task.Yield();
            }
        }

        return list;
    }

    private static async Task<List<string>> TypesAsync(IAsyncEnumerable<ResponsesEvent> events)
    {
        var types = new List<string>();
        await foreach (ResponsesEvent e in events)
        {
            types.Add(e.Type);
        }

        return types;
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    private static ResponsesClientOptions Options(ScriptedServer server) => new()
    {
        BaseUrl = new Uri(server.Url, "v1/"),
        ApiKey = "sk-test",
        FirstEventTimeout = TimeSpan.FromSeconds(20),
        IdleTimeout = TimeSpan.FromSeconds(20),
    };

    private static ResponseCreateRequest Request(string? streamId) => new() { Model = "gpt-5.5", StreamId = streamId, Store = false };

    /// <summary>Reads the client's next data frame and checks it is a <c>response.create</c>.</summary>
    private static void ReadRequest(Stream stream)
    {
        while (true)
        {
            (WebSocketOpcode opcode, byte[] payload) = ScriptedServer.ReadFrame(stream);
            if (opcode == WebSocketOpcode.Text)
            {
                using JsonDocument request = JsonDocument.Parse(payload);
                Assert.Equal("response.create", request.RootElement.GetProperty("type").GetString());
                return;
            }
        }
    }

    /// <summary>Sends the events as text frames in one write.</summary>
    private static void Send(Stream stream, params string[] events)
    {
        using var output = new MemoryStream();
        foreach (string e in events)
        {
            output.Write(ScriptedServer.Text(e));
        }

        stream.Write(output.ToArray());
    }

    private static string StreamIdField(string? streamId) => streamId is null ? "" : $",\"stream_id\":\"{streamId}\"";

    private static string Created(string id, int sequence, string? streamId = null) =>
        $$$"""{"type":"response.created","sequence_number":{{{sequence}}}{{{StreamIdField(streamId)}}},"response":{"id":"{{{id}}}","object":"response","status":"in_progress","output":[]}}""";

    private static string Completed(string id, int sequence, string? streamId = null) =>
        $$$"""{"type":"response.completed","sequence_number":{{{sequence}}}{{{StreamIdField(streamId)}}},"response":{"id":"{{{id}}}","object":"response","status":"completed","output":[]}}""";

    private static string Delta(int sequence, string streamId, string text) =>
        $$"""{"type":"response.output_text.delta","sequence_number":{{sequence}}{{StreamIdField(streamId)}},"item_id":"msg_1","output_index":0,"content_index":0,"delta":"{{text}}"}""";
}
