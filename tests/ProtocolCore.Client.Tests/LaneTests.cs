using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Emulator;
using ProtocolCore.Events;
using ProtocolCore.Models;

namespace ProtocolCore.Client.Tests;

public sealed class LaneTests
{
    [Fact]
    public async Task SessionsOnDifferentLanesOfOneConnectionRunConcurrently()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        var ct = ClientTestHost.Timeout();
        await using ResponsesConnection connection = await ResponsesConnection.ConnectAsync(ClientTestHost.Options(server), ct);
        await using var a = new ResponsesSession(connection, Lane("agent_a"));
        await using var b = new ResponsesSession(connection, Lane("agent_b"));
        ClientTestHost.Fault(a, "delay_ms:300");
        var log = new ConcurrentQueue<string>();
        var eventsA = new List<ResponsesEvent>();
        var eventsB = new List<ResponsesEvent>();

        // Lane A stops reading after response.created and lane B then runs its whole turn. Were the lanes serialized,
        // B could not start until A's terminal event was read, and this test would time out instead.
        await using IAsyncEnumerator<ResponsesEvent> turnA = a.RunTurnAsync(ClientTestHost.FirstInput(), ct).GetAsyncEnumerator(ct);
        while (await turnA.MoveNextAsync())
        {
            eventsA.Add(turnA.Current);
            log.Enqueue("a:" + turnA.Current.Type);
            if (turnA.Current is ResponseCreatedEvent)
            {
                break;
            }
        }

        await foreach (ResponsesEvent e in b.RunTurnAsync(ClientTestHost.FirstInput(), ct))
        {
            eventsB.Add(e);
            log.Enqueue("b:" + e.Type);
        }

        while (await turnA.MoveNextAsync())
        {
            eventsA.Add(turnA.Current);
            log.Enqueue("a:" + turnA.Current.Type);
        }

        string[] order = [.. log];
        Assert.True(Array.IndexOf(order, "b:response.created") < Array.IndexOf(order, "a:response.completed"));
        Assert.Equal("response.completed", a.LastTurn!.TerminalEvent);
        Assert.Equal("response.completed", b.LastTurn!.TerminalEvent);
        AssertLane("agent_a", eventsA);
        AssertLane("agent_b", eventsB);
        Assert.Equal(2, connection.ResponseCount);
        Assert.Equal(1, server.Counters.WebSocketConnections);

        // Each lane keeps its own chain (and the server its own cache slot): the next turns send only new items.
        Task<ResponsesTurnResult> nextA = a.CompleteTurnAsync(ClientTestHost.Outputs(a.LastTurn.FunctionCalls), ct);
        Task<ResponsesTurnResult> nextB = b.CompleteTurnAsync(ClientTestHost.Outputs(b.LastTurn.FunctionCalls), ct);
        Assert.False((await nextA).SentFullContext);
        Assert.False((await nextB).SentFullContext);
        Assert.Equal(a.LastResponseId, (await nextA).ResponseId);
    }

    [Fact]
    public async Task ManyLanesAndTheDefaultLaneShareOneConnection()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync(o => o.DefaultFaults = "delay_ms:20");
        var ct = ClientTestHost.Timeout();
        ResponsesClientOptions options = ClientTestHost.Options(server);
        options.MaxInFlightResponses = 4;
        await using ResponsesConnection connection = await ResponsesConnection.ConnectAsync(options, ct);
        var sessions = new List<ResponsesSession>();
        for (int i = 0; i < 10; i++)
        {
            sessions.Add(new ResponsesSession(connection, Lane(i == 0 ? null : "lane-" + i)));
        }

        ResponsesTurnResult[] results = await Task.WhenAll(sessions.ConvertAll(s => s.CompleteTurnAsync(ClientTestHost.FirstInput(), ct)));
        Assert.All(results, r => Assert.Equal("response.completed", r.TerminalEvent));
        Assert.Equal(10, new HashSet<string>(Array.ConvertAll(results, r => r.ResponseId!)).Count);
        Assert.Equal(10, connection.ResponseCount);
        Assert.Equal(1, server.Counters.WebSocketConnections);
    }

    [Fact]
    public async Task AnErrorWithoutStreamIdEndsEveryLaneInFlight()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        var ct = ClientTestHost.Timeout();
        await using ResponsesConnection connection = await ResponsesConnection.ConnectAsync(ClientTestHost.Options(server), ct);
        await using IAsyncEnumerator<ResponsesEvent> slowEvents = await StartSlowLaneAsync(connection, ct);

        // A body the server cannot decode is refused before it has a lane, so its error carries no stream_id.
        var bad = Lane("bad");
        bad.Input = ClientTestHost.FirstInput();
        bad.ExtensionData = new Json.JsonExtensionData("""{"temperature":"hot"}"""u8.ToArray());
        ResponsesApiException badError = await Assert.ThrowsAsync<ResponsesApiException>(async () =>
        {
            await foreach (ResponsesEvent _ in connection.SendAsync(bad, ct))
            {
            }
        });
        ResponsesApiException slowError = await Assert.ThrowsAsync<ResponsesApiException>(async () =>
        {
            while (await slowEvents.MoveNextAsync())
            {
            }
        });
        Assert.Equal("invalid_request", badError.Code);
        Assert.Equal("invalid_request", slowError.Code);

        // The slow response had started and may still be running: its rest must not reach that lane's next response.
        Assert.False(connection.IsOpen);
    }

    [Fact]
    public async Task ADroppedConnectionInterruptsEveryLaneInFlight()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        var ct = ClientTestHost.Timeout();
        await using ResponsesConnection connection = await ResponsesConnection.ConnectAsync(ClientTestHost.Options(server), ct);
        await using IAsyncEnumerator<ResponsesEvent> slowEvents = await StartSlowLaneAsync(connection, ct);

        var dropping = Lane("dropping");
        dropping.Input = ClientTestHost.FirstInput();
        dropping.Metadata = new Dictionary<string, string> { ["emulator_fault"] = "abrupt_close" };
        await Assert.ThrowsAsync<ResponseInterruptedException>(async () =>
        {
            await foreach (ResponsesEvent _ in connection.SendAsync(dropping, ct))
            {
            }
        });
        ResponseInterruptedException slowError = await Assert.ThrowsAsync<ResponseInterruptedException>(async () =>
        {
            while (await slowEvents.MoveNextAsync())
            {
            }
        });

        Assert.NotNull(slowError.ResponseId);
        Assert.False(connection.IsOpen);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/no")]
    [InlineData("ünicode")]
    public async Task AnInvalidStreamIdIsRejectedBeforeAnythingIsSent(string streamId)
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        var ct = ClientTestHost.Timeout();
        await using ResponsesConnection connection = await ResponsesConnection.ConnectAsync(ClientTestHost.Options(server), ct);
        var request = Lane(streamId);
        request.Input = ClientTestHost.FirstInput();
        await Assert.ThrowsAsync<ArgumentException>(async () =>
        {
            await foreach (ResponsesEvent _ in connection.SendAsync(request, ct))
            {
            }
        });

        await using var session = new ResponsesSession(connection, Lane(streamId));
        await Assert.ThrowsAsync<ArgumentException>(() => session.CompleteTurnAsync(ClientTestHost.FirstInput(), ct));
        Assert.Equal(0, connection.BytesSent);
        Assert.True(connection.IsOpen);
    }

    [Fact]
    public void StreamIdValidationFollowsTheSpec()
    {
        ResponsesConnection.ValidateStreamId(null);
        ResponsesConnection.ValidateStreamId("A-z_0.9");
        ResponsesConnection.ValidateStreamId(new string('x', 256));
        ArgumentException e = Assert.Throws<ArgumentException>(() => ResponsesConnection.ValidateStreamId(new string('x', 257), "id"));
        Assert.Equal("id", e.ParamName);
    }

    /// <summary>Starts a response on lane "slow" that the emulator holds for 20 s, and reads it up to response.created.</summary>
    private static async Task<IAsyncEnumerator<ResponsesEvent>> StartSlowLaneAsync(ResponsesConnection connection, CancellationToken ct)
    {
        var slow = Lane("slow");
        slow.Input = ClientTestHost.FirstInput();
        slow.Metadata = new Dictionary<string, string> { ["emulator_fault"] = "delay_ms:20000" };
        IAsyncEnumerator<ResponsesEvent> events = connection.SendAsync(slow, ct).GetAsyncEnumerator(ct);
        while (await events.MoveNextAsync() && events.Current is not ResponseCreatedEvent)
        {
        }

        return events;
    }

    private static Requests.ResponseCreateRequest Lane(string? streamId)
    {
        Requests.ResponseCreateRequest template = ClientTestHost.Template();
        template.Tools = ScriptedTools.CreateDefinitions();
        template.StreamId = streamId;
        return template;
    }

    private static void AssertLane(string streamId, List<ResponsesEvent> events)
    {
        for (int i = 0; i < events.Count; i++)
        {
            Assert.True(events[i].StreamId?.ValueEquals(streamId), $"event {i} ({events[i].Type}) is not on lane {streamId}");
            Assert.Equal(i, events[i].SequenceNumber);
        }
    }
}
