using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Emulator;
using ProtocolCore.Events;

namespace ProtocolCore.Client.Tests;

/// <summary>
/// A session reuses its turn machine (and a connection its lane's response stream) from one turn to the next: what a
/// caller still holds of a turn that is over must behave as a finished async iterator and never reach a later turn.
/// </summary>
public sealed class TurnMachineTests
{
    [Fact]
    public async Task AHandleWhoseTurnIsOver_NeverReachesTheNextTurn()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        CancellationToken ct = ClientTestHost.Timeout();
        await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template());

        // The first turn read to its end but not disposed; the second one is in the middle of its stream.
        IAsyncEnumerator<ResponsesEvent> first = session.RunTurnAsync(ClientTestHost.FirstInput(), ct).GetAsyncEnumerator(ct);
        while (await first.MoveNextAsync())
        {
        }

        string firstId = session.LastResponseId!;
        await using IAsyncEnumerator<ResponsesEvent> second = session.ReadTurnAsync(ClientTestHost.Outputs(session.LastTurn!.FunctionCalls), ct).GetAsyncEnumerator(ct);
        Assert.True(await second.MoveNextAsync());

        // What the first turn's caller does now ends nothing: disposing it (again) would otherwise abort the second
        // turn's response, and asking it for more would take the second turn's events.
        await first.DisposeAsync();
        Assert.False(await first.MoveNextAsync());
        await first.DisposeAsync();

        int events = 1;
        while (await second.MoveNextAsync())
        {
            events++;
        }

        Assert.Equal(events, session.LastTurn!.EventCount);
        Assert.NotEqual(firstId, session.LastResponseId);
        Assert.Equal(1, session.Connects);
        Assert.Equal(0, session.Reconnects);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ATurnsEventsAreEnumeratedOnce(bool observed)
    {
        // Observed: a span listener is subscribed, so the session wraps the turn to record it (other tests' listeners
        // can do this to an unobserved run too: the refusal must not depend on it).
        using TelemetryCapture? telemetry = observed ? new TelemetryCapture() : null;
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        CancellationToken ct = ClientTestHost.Timeout();
        await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template());

        IAsyncEnumerable<ResponsesEvent> turn = session.RunTurnAsync(ClientTestHost.FirstInput(), ct);
        await foreach (ResponsesEvent _ in turn)
        {
        }

        int items = session.Conversation.Count;
        Assert.Throws<InvalidOperationException>(() => turn.GetAsyncEnumerator(ct));
        Assert.Equal(items, session.Conversation.Count);
        Assert.Equal(1, server.Counters.Responses);
    }

    [Fact]
    public async Task AResponsesEventsOnAConnectionAreEnumeratedOnce()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        CancellationToken ct = ClientTestHost.Timeout();
        await using ResponsesConnection connection = await ResponsesConnection.ConnectAsync(ClientTestHost.Options(server), ct);
        ProtocolCore.Requests.ResponseCreateRequest request = ClientTestHost.Template();
        request.Input = ClientTestHost.FirstInput();

        IAsyncEnumerable<ResponsesEvent> response = connection.SendAsync(request, ct);
        int events = 0;
        await foreach (ResponsesEvent _ in response)
        {
            events++;
        }

        Assert.True(events > 0);
        Assert.Throws<InvalidOperationException>(() => response.GetAsyncEnumerator(ct));
        Assert.Equal(1, server.Counters.Responses);
        Assert.True(connection.IsOpen);
    }

    [Fact]
    public async Task TheEnumerationsTokenCancelsTheTurn_AloneOrLinkedWithTheCallsToken()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        CancellationToken ct = ClientTestHost.Timeout();
        await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template());
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        // The call's token cannot cancel (the enumeration's is used alone), or it is another live one (both linked).
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (ResponsesEvent _ in session.RunTurnAsync(ClientTestHost.FirstInput()).WithCancellation(cancelled.Token))
            {
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (ResponsesEvent _ in session.ReadTurnAsync(ClientTestHost.FirstInput(), ct).WithCancellation(cancelled.Token))
            {
            }
        });

        // Neither turn started, and the session runs the next one as usual.
        Assert.Empty(session.Conversation);
        ResponsesTurnResult result = await session.CompleteTurnAsync(ClientTestHost.FirstInput(), ct);
        Assert.Equal("response.completed", result.TerminalEvent);
    }
}
