using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Emulator;
using ProtocolCore.Events;

namespace ProtocolCore.Client.Tests;

public sealed class ForkTests
{
    [Fact]
    public async Task AForkContinuesFromTheSourcesLastResponseOnANewLaneOfTheSameSocket()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        CancellationToken ct = ClientTestHost.Timeout();
        await using ResponsesConnection connection = await ResponsesConnection.ConnectAsync(ClientTestHost.Options(server), ct);
        await using var source = new ResponsesSession(connection.Lanes.Lease("main"), ClientTestHost.Template());
        ResponsesTurnResult parent = await source.CompleteTurnAsync(ClientTestHost.FirstInput(), ct);

        await using ResponsesSession fork = source.Fork("sub_1");
        Assert.Equal("sub_1", fork.Template.StreamId);
        Assert.Equal(source.Conversation.Count, fork.Conversation.Count);
        Assert.Equal(parent.ResponseId, fork.LastResponseId);

        var events = new List<ResponsesEvent>();
        await foreach (ResponsesEvent e in fork.RunTurnAsync(ClientTestHost.Outputs(parent.FunctionCalls), ct))
        {
            events.Add(e);
        }

        ResponsesTurnResult forked = fork.LastTurn!;
        Assert.Equal("response.completed", forked.TerminalEvent);
        Assert.False(forked.SentFullContext);
        Assert.Equal(parent.ResponseId, forked.Response!.PreviousResponseId);
        Assert.All(events, e => Assert.True(e.StreamId?.ValueEquals("sub_1")));
        Assert.Same(connection, fork.Connection);
        Assert.Equal(1, server.Counters.ConnectionCacheHits);

        // The fork read the parent from lane main's slot and left it there: the source continues from it as well.
        ResponsesTurnResult next = await source.CompleteTurnAsync(ClientTestHost.Outputs(parent.FunctionCalls), ct);
        Assert.False(next.SentFullContext);
        Assert.Equal(parent.ResponseId, next.Response!.PreviousResponseId);
        Assert.Equal(0, server.Counters.PreviousResponseNotFound);

        // The fork chains from its own lane from now on.
        ResponsesTurnResult forkNext = await fork.CompleteTurnAsync(ClientTestHost.Outputs(forked.FunctionCalls), ct);
        Assert.False(forkNext.SentFullContext);
        Assert.Equal(forked.ResponseId, forkNext.Response!.PreviousResponseId);
    }

    [Fact]
    public async Task TheSourcesNextTurnWaitsForTheForksInProgress()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        CancellationToken ct = ClientTestHost.Timeout();
        await using ResponsesConnection connection = await ResponsesConnection.ConnectAsync(ClientTestHost.Options(server), ct);
        await using var source = new ResponsesSession(connection, Lane("main"));
        ResponsesTurnResult parent = await source.CompleteTurnAsync(ClientTestHost.FirstInput(), ct);
        await using ResponsesSession fork = source.Fork("sub");

        // The fork's request is sent and its response.created read, but not its response.in_progress.
        await using IAsyncEnumerator<ResponsesEvent> forkEvents = fork.RunTurnAsync(ClientTestHost.Outputs(parent.FunctionCalls), ct).GetAsyncEnumerator(ct);
        Assert.True(await forkEvents.MoveNextAsync());
        Assert.IsType<ResponseCreatedEvent>(forkEvents.Current);

        // So the source's next request must not be sent: it could replace the parent before the fork has read it.
        Task<ResponsesTurnResult> sourceTurn = source.CompleteTurnAsync(ClientTestHost.Outputs(parent.FunctionCalls), ct);
        await Task.WhenAny(sourceTurn, Task.Delay(300, ct));
        Assert.False(sourceTurn.IsCompleted);
        Assert.Equal(2, connection.ResponseCount);

        // Reading response.in_progress opens the gate.
        Assert.True(await forkEvents.MoveNextAsync());
        Assert.IsType<ResponseInProgressEvent>(forkEvents.Current);
        ResponsesTurnResult next = await sourceTurn;
        Assert.False(next.SentFullContext);
        while (await forkEvents.MoveNextAsync())
        {
        }

        Assert.Equal("response.completed", fork.LastTurn!.TerminalEvent);
        Assert.False(fork.LastTurn.SentFullContext);
        Assert.Equal(parent.ResponseId, fork.LastTurn.Response!.PreviousResponseId);
        Assert.Equal(0, server.Counters.PreviousResponseNotFound);
    }

    [Fact]
    public async Task AForkThatHasNotSentWhenTheSourceMovesOnSendsTheFullContext()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        CancellationToken ct = ClientTestHost.Timeout();
        await using ResponsesConnection connection = await ResponsesConnection.ConnectAsync(ClientTestHost.Options(server), ct);
        await using var source = new ResponsesSession(connection, Lane("main"));
        ResponsesTurnResult parent = await source.CompleteTurnAsync(ClientTestHost.FirstInput(), ct);
        await using ResponsesSession fork = source.Fork("sub");

        // Used one after the other, the source goes first: it does not wait for a fork that has not sent.
        await source.CompleteTurnAsync(ClientTestHost.Outputs(parent.FunctionCalls), ct);
        ResponsesTurnResult forked = await fork.CompleteTurnAsync(ClientTestHost.Outputs(parent.FunctionCalls), ct);

        // Its parent was replaced in lane main's slot, so chaining would cost a previous_response_not_found.
        Assert.Equal("response.completed", forked.TerminalEvent);
        Assert.True(forked.SentFullContext);
        Assert.Equal(0, forked.Retries);
        Assert.Equal(0, server.Counters.PreviousResponseNotFound);
    }

    [Fact]
    public async Task AFailedForkReleasesTheSourceAndKeepsTheParent()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        CancellationToken ct = ClientTestHost.Timeout();
        await using ResponsesConnection connection = await ResponsesConnection.ConnectAsync(ClientTestHost.Options(server), ct);
        await using var source = new ResponsesSession(connection, Lane("main"));
        ResponsesTurnResult parent = await source.CompleteTurnAsync(ClientTestHost.FirstInput(), ct);

        await using ResponsesSession failing = source.Fork("sub_failed");
        ClientTestHost.Fault(failing, "response_failed");
        Assert.Equal("response.failed", (await failing.CompleteTurnAsync(ClientTestHost.Outputs(parent.FunctionCalls), ct)).TerminalEvent);

        await using ResponsesSession refused = source.Fork("sub_refused");
        ClientTestHost.Fault(refused, "no_such_fault");
        await Assert.ThrowsAsync<ResponsesApiException>(() => refused.CompleteTurnAsync(ClientTestHost.Outputs(parent.FunctionCalls), ct));

        // Neither failure evicted the parent from lane main (cross-lane), and neither left the source waiting.
        ResponsesTurnResult next = await source.CompleteTurnAsync(ClientTestHost.Outputs(parent.FunctionCalls), ct);
        Assert.False(next.SentFullContext);
        Assert.Equal(parent.ResponseId, next.Response!.PreviousResponseId);
        Assert.Equal(0, server.Counters.PreviousResponseNotFound);
    }

    [Fact]
    public async Task ForkIsRefusedWhereItCannotKeepItsPromise()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        CancellationToken ct = ClientTestHost.Timeout();
        ResponsesClientOptions options = ClientTestHost.Options(server);
        options.MaxLanesPerConnection = 2;
        await using ResponsesConnection connection = await ResponsesConnection.ConnectAsync(options, ct);
        await using var source = new ResponsesSession(connection, Lane("main"));
        await using var own = new ResponsesSession(options, ClientTestHost.Template());

        Assert.Throws<InvalidOperationException>(() => own.Fork("sub"));
        Assert.Throws<ArgumentException>(() => source.Fork(""));

        // A turn in progress (its first event read, the rest not yet).
        await using (IAsyncEnumerator<ResponsesEvent> running = source.RunTurnAsync(ClientTestHost.FirstInput(), ct).GetAsyncEnumerator(ct))
        {
            Assert.True(await running.MoveNextAsync());
            Assert.Throws<InvalidOperationException>(() => source.Fork("sub"));
            while (await running.MoveNextAsync())
            {
            }
        }

        await using ResponsesSession first = source.Fork("sub");
        Assert.Throws<InvalidOperationException>(() => source.Fork("sub"));
        Assert.Throws<ResponsesLaneLimitException>(() => source.Fork("third"));

        // Disposing a fork releases its lane.
        await first.DisposeAsync();
        await using ResponsesSession again = source.Fork("sub");
        Assert.Equal(1, connection.Lanes.LeasedLanes);
    }

    private static Requests.ResponseCreateRequest Lane(string lane)
    {
        Requests.ResponseCreateRequest template = ClientTestHost.Template();
        template.StreamId = lane;
        return template;
    }
}
