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
using ProtocolCore.Tests.Shared;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Client.Tests;

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
        await CloseCleanlyAsync(connection, server, ct);
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
        await CloseCleanlyAsync(connection, server, ct);
    }

    [Fact]
    public async Task AbandoningALaneWhoseBufferIsFullEndsTheReadingLanePromptly()
    {
        using var server = new ScriptedServer(stream =>
        {
            ReadRequest(stream);
            Send(stream, Created("resp_a", 0, "a"));
            ReadRequest(stream);

            // More of lane a than its buffer holds, and nothing for lane b: b's caller, reading, must wait for room.
            Send(stream, [.. Enumerable.Range(1, 4).Select(i => Delta(i, "a", "d" + i))]);
            try
            {
                ScriptedServer.ReadClose(stream);
            }
            catch (IOException)
            {
                // The client drops the socket when a's caller abandons its response.
            }
        });

        CancellationToken ct = Timeout();
        ResponsesClientOptions options = Options(server);
        options.MaxBufferedEventsPerResponse = 2;
        await using ResponsesConnection connection = await ResponsesConnection.ConnectAsync(options, ct);
        IAsyncEnumerator<ResponsesEvent> laneA = connection.SendAsync(Request("a"), ct).GetAsyncEnumerator(ct);
        Assert.True(await laneA.MoveNextAsync());
        Task<List<string>> laneB = TypesAsync(connection.SendAsync(Request("b"), ct));
        while (connection.ReadTurn != ReadTurnState.WaitingForSpace)
        {
            await Task.Delay(5, ct);
        }

        // Nobody will make room in a's buffer now: the wait must end with the connection, not with b's idle timeout.
        await laneA.DisposeAsync();
        ResponseInterruptedException e = await Assert.ThrowsAsync<ResponseInterruptedException>(() => laneB);
        Assert.IsNotType<ResponsesTimeoutException>(e.InnerException);
        Assert.False(connection.IsOpen);
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
            .Select(lane => CollectAsync(connection.SendAsync(Request("lane" + lane), ct), async count =>
            {
                // Callers that are busy now and then, at different rates, so the read turn changes hands.
                if (count % (lane + 1) == 0)
                {
                    await Task.Yield();
                }
            }))
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

        await CloseCleanlyAsync(connection, server, ct);
    }

    [Fact]
    public async Task ManyLanesWithRandomlySlowCallersGetEveryEventInOrderRoundAfterRound()
    {
        const int Lanes = 6;
        const int Rounds = 15;
        var random = new Random(20261124);
        int[][] deltaCounts = Enumerable.Range(0, Rounds).Select(_ => Enumerable.Range(0, Lanes).Select(_ => random.Next(0, 40)).ToArray()).ToArray();
        using var server = new ScriptedServer(stream =>
        {
            var serverRandom = new Random(7);
            for (int round = 0; round < Rounds; round++)
            {
                // Each lane's events in its own order, the lanes shuffled together, sent in writes of random size.
                var queues = new List<Queue<string>>();
                for (int i = 0; i < Lanes; i++)
                {
                    string lane = ReadRequestStreamId(stream)!;
                    int index = int.Parse(lane.AsSpan("lane".Length), System.Globalization.CultureInfo.InvariantCulture);
                    var events = new Queue<string>();
                    string id = $"resp_{round}_{index}";
                    events.Enqueue(Created(id, 0, lane));
                    for (int d = 0; d < deltaCounts[round][index]; d++)
                    {
                        events.Enqueue(Delta(d + 1, lane, $"{round}:{index}:{d}"));
                    }

                    events.Enqueue(Completed(id, deltaCounts[round][index] + 1, lane));
                    queues.Add(events);
                }

                var batch = new List<string>();
                while (queues.Count > 0)
                {
                    int pick = serverRandom.Next(queues.Count);
                    batch.Add(queues[pick].Dequeue());
                    if (queues[pick].Count == 0)
                    {
                        queues.RemoveAt(pick);
                    }

                    if (serverRandom.Next(8) == 0)
                    {
                        Send(stream, [.. batch]);
                        batch.Clear();
                    }
                }

                Send(stream, [.. batch]);
            }

            ScriptedServer.ReadClose(stream);
        });

        CancellationToken ct = Timeout();
        ResponsesClientOptions options = Options(server);
        options.MaxBufferedEventsPerResponse = 3;
        await using ResponsesConnection connection = await ResponsesConnection.ConnectAsync(options, ct);
        for (int round = 0; round < Rounds; round++)
        {
            int seed = round;
            List<ResponsesEvent>[] results = await Task.WhenAll(Enumerable.Range(0, Lanes)
                .Select(lane => CollectAsync(connection.SendAsync(Request("lane" + lane), ct), PauseAtRandom(new Random(seed * 100 + lane)))));
            for (int lane = 0; lane < Lanes; lane++)
            {
                int expected = deltaCounts[round][lane];
                Assert.Equal(expected + 2, results[lane].Count);
                Assert.IsType<ResponseCreatedEvent>(results[lane][0]);
                Assert.IsType<ResponseCompletedEvent>(results[lane][^1]);
                Assert.Equal(
                    Enumerable.Range(0, expected).Select(d => $"{round}:{lane}:{d}"),
                    results[lane].OfType<OutputTextDeltaEvent>().Select(e => e.Delta?.ToString()));
            }
        }

        Assert.True(connection.IsOpen);
        await CloseCleanlyAsync(connection, server, ct);
    }

    [Fact]
    public async Task WhenTheLaneHoldingTheReadTurnFinishesAWaitingLaneTakesItOver()
    {
        var bothWaiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var aFinished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = new ScriptedServer(stream =>
        {
            ReadRequest(stream);
            Send(stream, Created("resp_a", 0, "a"));
            ReadRequest(stream);
            Send(stream, Created("resp_b", 0, "b"));

            // Lane a holds the read turn and lane b waits for it. a's terminal event ends a's read; b's event comes only
            // after a has finished, so nobody would read it unless the turn passes to b.
            bothWaiting.Task.Wait();
            Send(stream, Completed("resp_a", 1, "a"));
            aFinished.Task.Wait();
            Send(stream, Completed("resp_b", 1, "b"));
            ScriptedServer.ReadClose(stream);
        });

        CancellationToken ct = Timeout();
        await using ResponsesConnection connection = await ResponsesConnection.ConnectAsync(Options(server), ct);
        await using IAsyncEnumerator<ResponsesEvent> a = connection.SendAsync(Request("a"), ct).GetAsyncEnumerator(ct);
        Assert.True(await a.MoveNextAsync());
        await using IAsyncEnumerator<ResponsesEvent> b = connection.SendAsync(Request("b"), ct).GetAsyncEnumerator(ct);
        Assert.True(await b.MoveNextAsync());

        // a takes the free turn and waits on the socket; b, a moment later, finds it taken and waits for it.
        Task<bool> nextA = a.MoveNextAsync().AsTask();
        await Task.Delay(200, ct);
        Task<bool> nextB = b.MoveNextAsync().AsTask();
        await Task.Delay(200, ct);
        bothWaiting.SetResult();

        Assert.True(await nextA.WaitAsync(ct));
        Assert.IsType<ResponseCompletedEvent>(a.Current);
        Assert.False(await a.MoveNextAsync());
        aFinished.SetResult();
        Assert.True(await nextB.WaitAsync(TimeSpan.FromSeconds(10), ct));
        Assert.IsType<ResponseCompletedEvent>(b.Current);
        Assert.False(await b.MoveNextAsync());
        await CloseCleanlyAsync(connection, server, ct);
    }

    [Fact]
    public async Task CancellingOneLaneWhileOthersWaitEndsThemAllPromptly()
    {
        using var server = new ScriptedServer(stream =>
        {
            var lanes = new List<string>();
            for (int i = 0; i < 3; i++)
            {
                lanes.Add(ReadRequestStreamId(stream)!);
            }

            // Every lane has started; then the server goes quiet until the client closes.
            Send(stream, [.. lanes.Select(lane => Created("resp_" + lane, 0, lane))]);
            try
            {
                ScriptedServer.ReadClose(stream);
            }
            catch (IOException)
            {
                // The client may drop the socket without a close frame.
            }
        });

        CancellationToken ct = Timeout();
        await using ResponsesConnection connection = await ResponsesConnection.ConnectAsync(Options(server), ct);
        using var cancelA = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var started = new[] { NewSignal(), NewSignal(), NewSignal() };
        Task[] lanes =
        [
            ReadAllAsync(connection.SendAsync(Request("a"), cancelA.Token), started[0]),
            ReadAllAsync(connection.SendAsync(Request("b"), ct), started[1]),
            ReadAllAsync(connection.SendAsync(Request("c"), ct), started[2]),
        ];
        await Task.WhenAll(started.Select(s => s.Task)).WaitAsync(ct);

        // All three now wait: one holds the read turn, two wait for it or for an event.
        await cancelA.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => lanes[0]);
        await Assert.ThrowsAsync<ResponseInterruptedException>(() => lanes[1].WaitAsync(ct));
        await Assert.ThrowsAsync<ResponseInterruptedException>(() => lanes[2].WaitAsync(ct));
        Assert.False(connection.IsOpen);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static async Task ReadAllAsync(IAsyncEnumerable<ResponsesEvent> events, TaskCompletionSource started)
    {
        await foreach (ResponsesEvent e in events)
        {
            if (e is ResponseCreatedEvent)
            {
                started.TrySetResult();
            }
        }
    }

    /// <summary>Reads a response to its end, calling <paramref name="afterEach"/> with the count so far after each event.</summary>
    private static async Task<List<ResponsesEvent>> CollectAsync(IAsyncEnumerable<ResponsesEvent> events, Func<int, Task> afterEach)
    {
        var list = new List<ResponsesEvent>();
        await foreach (ResponsesEvent e in events)
        {
            list.Add(e);
            await afterEach(list.Count);
        }

        return list;
    }

    /// <summary>A caller that now and then yields or sleeps a millisecond or two.</summary>
    private static Func<int, Task> PauseAtRandom(Random random) => async _ =>
    {
        switch (random.Next(10))
        {
            case 0:
                await Task.Delay(random.Next(1, 3));
                break;
            case 1 or 2:
                await Task.Yield();
                break;
        }
    };

    private static async Task CloseCleanlyAsync(ResponsesConnection connection, ScriptedServer server, CancellationToken ct)
    {
        await connection.CloseAsync(ct);
        await server.Done.WaitAsync(ct);
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
    private static void ReadRequest(Stream stream) => ReadRequestStreamId(stream);

    /// <summary>Reads the client's next <c>response.create</c> and returns its <c>stream_id</c> (null for the default lane).</summary>
    private static string? ReadRequestStreamId(Stream stream)
    {
        while (true)
        {
            (WebSocketOpcode opcode, byte[] payload) = ScriptedServer.ReadFrame(stream);
            if (opcode == WebSocketOpcode.Text)
            {
                using JsonDocument request = JsonDocument.Parse(payload);
                Assert.Equal("response.create", request.RootElement.GetProperty("type").GetString());
                return request.RootElement.TryGetProperty("stream_id", out JsonElement id) ? id.GetString() : null;
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
