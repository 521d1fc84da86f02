using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Client;
using ProtocolCore.Emulator;
using ProtocolCore.Events;
using ProtocolCore.Models;
using ProtocolCore.Requests;

namespace ProtocolCore.Client.Tests;

/// <summary><see cref="ResponsesSession.SteerAsync"/> and <see cref="ResponsesSession.InjectAsync"/> against the emulator.</summary>
public class SteerTests
{
    private const string SteerText = "Only touch files under src/.";

    private static List<InputItem> SteerItems() => [InputItems.UserMessage(SteerText)];

    /// <summary>Runs a turn with <see cref="ResponsesSession.RunTurnAsync"/>, starting <paramref name="steer"/> at its first <c>response.created</c> without awaiting it in the loop.</summary>
    private static async Task<(List<ResponsesEvent> Events, T Answer)> RunSteeredTurnAsync<T>(ResponsesSession session, System.Func<Task<T>> steer, CancellationToken ct)
    {
        var events = new List<ResponsesEvent>();
        Task<T>? answer = null;
        await foreach (ResponsesEvent e in session.RunTurnAsync(ClientTestHost.FirstInput(), ct))
        {
            events.Add(e);
            if (e is ResponseCreatedEvent && answer is null)
            {
                answer = steer();
            }
        }

        return (events, await answer!);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("agent_a")]
    public async Task AcceptedSteerStreamsTheSuccessorOnTheSameTurnAndTheNextTurnChainsFromIt(string? lane)
    {
        CancellationToken ct = ClientTestHost.Timeout();
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        await using ResponsesConnection connection = await ResponsesConnection.ConnectAsync(ClientTestHost.Options(server), ct);
        ResponseCreateRequest template = ClientTestHost.Template();
        template.StreamId = lane;
        await using var session = new ResponsesSession(connection, template);
        ClientTestHost.Fault(session, "await_steer");

        (List<ResponsesEvent> events, SteerResult steer) = await RunSteeredTurnAsync(session, () => session.SteerAsync(SteerItems(), ct), ct);

        // One turn, two responses: the steered one ends incomplete (steered), the successor's terminal ends the turn.
        List<string> ids = events.OfType<ResponseCreatedEvent>().Select(e => e.Response!.Id!).ToList();
        Assert.Equal(2, ids.Count);
        Assert.Equal(SteerStatus.Accepted, steer.Status);
        Assert.Equal(ids[0], steer.ResponseId);
        Assert.NotNull(steer.SteerId);
        Assert.Contains(events, e => e is SteerAcceptedEvent);
        ResponseIncompleteEvent steered = Assert.Single(events.OfType<ResponseIncompleteEvent>());
        Assert.True(steered.Response!.IncompleteDetails!.Reason!.Value.Is(IncompleteReason.Steered));
        Assert.IsType<ResponseCompletedEvent>(events[^1]);
        Assert.Equal(ids[1], session.LastResponseId);
        Assert.Equal(ids[1], session.LastTurn!.ResponseId);
        Assert.Equal(ids[0], session.LastTurn.Response!.PreviousResponseId);

        // The conversation: the turn's input, the steered output, the steered items, then the successor's output.
        int steeredOutput = steered.Response.Output!.Count;
        IReadOnlyList<InputItem> conversation = session.Conversation;
        Assert.Equal(1 + steeredOutput + 1 + session.LastTurn.Output.Count, conversation.Count);
        Assert.Same(steered.Response.Output[0].GetType(), conversation[1].GetType());
        Message steerItem = Assert.IsType<Message>(conversation[1 + steeredOutput]);
        Assert.Equal(SteerText, ((InputTextContent)steerItem.Content!.Parts![0]).Text);
        Assert.Contains(session.LastTurn.Output.OfType<Message>(), m => m.Content!.Parts!.OfType<OutputTextContent>().Any(p => p.Text == "Steering noted: " + SteerText));

        // The next turn sends only its new items, chained from the successor, on the same connection.
        ClientTestHost.Fault(session, null);
        ResponsesTurnResult next = await session.CompleteTurnAsync(ClientTestHost.Outputs(session.LastTurn.FunctionCalls), ct);
        Assert.False(next.SentFullContext);
        Assert.Equal(ids[1], next.Response!.PreviousResponseId);
        Assert.Equal(1, server.Counters.WebSocketConnections);
    }

    [Fact]
    public async Task SteerBeforeResponseCreatedWaitsForItWhileCompleteTurnAsyncReads()
    {
        CancellationToken ct = ClientTestHost.Timeout();
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template());
        ClientTestHost.Fault(session, "await_steer");

        Task<ResponsesTurnResult> turn = session.CompleteTurnAsync(ClientTestHost.FirstInput(), ct);
        SteerResult steer = await session.SteerAsync(SteerItems(), ct);
        ResponsesTurnResult result = await turn;

        Assert.Equal(SteerStatus.Accepted, steer.Status);
        Assert.Equal("response.completed", result.TerminalEvent);
        Assert.NotEqual(steer.ResponseId, result.ResponseId);
        Assert.Equal(2, server.Counters.Responses);
    }

    [Fact]
    public async Task SteerOverTheSizeLimitIsRefusedUnsentAndTheTurnGoesOnToComplete()
    {
        CancellationToken ct = ClientTestHost.Timeout();
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        ResponsesClientOptions options = ClientTestHost.Options(server);
        options.MaxRequestMessageBytes = 16 * 1024;
        await using ResponsesConnection connection = await ResponsesConnection.ConnectAsync(options, ct);
        await using var session = new ResponsesSession(connection, ClientTestHost.Template());
        ClientTestHost.Fault(session, "await_steer");
        long sentBeforeSteer = 0;
        long sentAfterRefusal = 0;

        (List<ResponsesEvent> events, SteerResult steer) = await RunSteeredTurnAsync(session, async () =>
        {
            sentBeforeSteer = connection.BytesSent;
            ResponsesRequestTooLargeException e = await Assert.ThrowsAsync<ResponsesRequestTooLargeException>(
                () => session.SteerAsync([InputItems.UserMessage(new string('x', 20_000))], ct));
            Assert.Equal(16 * 1024, e.Limit);
            Assert.True(e.MessageBytes > e.Limit);
            sentAfterRefusal = connection.BytesSent;

            // The held response still waits for a steer: a small one is accepted on the same socket.
            return await session.SteerAsync(SteerItems(), ct);
        }, ct);

        Assert.Equal(sentBeforeSteer, sentAfterRefusal);
        Assert.Equal(SteerStatus.Accepted, steer.Status);
        Assert.Single(events.OfType<SteerAcceptedEvent>());
        Assert.Equal(2, events.OfType<ResponseCreatedEvent>().Count());
        Assert.IsType<ResponseCompletedEvent>(events[^1]);
        Assert.Equal("response.completed", session.LastTurn!.TerminalEvent);
        Assert.True(connection.IsOpen);
        Assert.Equal(0, server.Counters.MessagesTooLarge);
        Assert.Equal(2, server.Counters.Responses);
    }

    [Fact]
    public async Task PendingSteerSaysWhatItNeedsAndLeavesTheConversationAlone()
    {
        CancellationToken ct = ClientTestHost.Timeout();
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template());
        ClientTestHost.Fault(session, "await_steer,steer_pending");

        (List<ResponsesEvent> events, SteerResult steer) = await RunSteeredTurnAsync(session, () => session.SteerAsync(SteerItems(), ct), ct);

        Assert.Equal(SteerStatus.Pending, steer.Status);
        Assert.Equal("waiting_for_required_input", steer.Reason);
        Assert.Equal(session.LastTurn!.FunctionCalls.Select(c => c.CallId), steer.RequiredInput.Select(r => r.CallId));
        Assert.NotEmpty(steer.RequiredInput);
        Assert.Single(events.OfType<ResponseCreatedEvent>());
        Assert.Equal(1 + session.LastTurn.Output.Count, session.Conversation.Count);
        Assert.DoesNotContain(session.Conversation.Skip(1), i => i is Message { Role: { } role } && role.Is(MessageRole.User));
    }

    [Fact]
    public async Task FailedSteerCarriesTheServersCode()
    {
        CancellationToken ct = ClientTestHost.Timeout();
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template());
        ClientTestHost.Fault(session, "await_steer,steer_fail");

        (List<ResponsesEvent> events, SteerResult steer) = await RunSteeredTurnAsync(session, () => session.SteerAsync(SteerItems(), ct), ct);

        Assert.Equal(SteerStatus.Failed, steer.Status);
        Assert.Equal("steering_not_supported", steer.ErrorCode);
        Assert.IsType<SteerFailedEvent>(steer.Event);
        Assert.Equal("response.completed", session.LastTurn!.TerminalEvent);
        Assert.Equal(1 + session.LastTurn.Output.Count, session.Conversation.Count);
    }

    [Fact]
    public async Task SteerWithoutARunningTurnIsATypedError()
    {
        CancellationToken ct = ClientTestHost.Timeout();
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template());

        SteeringUnavailableException before = await Assert.ThrowsAsync<SteeringUnavailableException>(() => session.SteerAsync(SteerItems(), ct));
        await session.CompleteTurnAsync(ClientTestHost.FirstInput(), ct);
        SteeringUnavailableException after = await Assert.ThrowsAsync<SteeringUnavailableException>(() => session.SteerAsync(SteerItems(), ct));

        Assert.Equal(SteeringUnavailableReason.NoRunningTurn, before.Reason);
        Assert.Equal(SteeringUnavailableReason.NoRunningTurn, after.Reason);
        Assert.Equal(1, server.Counters.Responses);
        await Assert.ThrowsAsync<System.ArgumentException>(() => session.SteerAsync([], ct));
    }

    [Fact]
    public async Task SteerInHttpModeIsATypedError()
    {
        CancellationToken ct = ClientTestHost.Timeout();
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template(), ResponsesTransportMode.Http);

        SteeringUnavailableException error = await Assert.ThrowsAsync<SteeringUnavailableException>(() => session.SteerAsync(SteerItems(), ct));

        Assert.Equal(SteeringUnavailableReason.HttpMode, error.Reason);
    }

    [Fact]
    public async Task InjectWithoutTheOptInIsATypedErrorAndSendsNothing()
    {
        CancellationToken ct = ClientTestHost.Timeout();
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template());

        (List<ResponsesEvent> events, SteeringUnavailableException error) = await RunSteeredTurnAsync(
            session,
            () => Assert.ThrowsAsync<SteeringUnavailableException>(() => session.InjectAsync(SteerItems(), ct)),
            ct);

        Assert.Equal(SteeringUnavailableReason.MultiAgentBetaNotEnabled, error.Reason);
        Assert.DoesNotContain(events, e => e is ResponseInjectCreatedEvent or ResponseInjectFailedEvent or ErrorEvent);
    }

    [Fact]
    public async Task InjectWithTheOptInJoinsTheRunningResponseAndTheConversation()
    {
        CancellationToken ct = ClientTestHost.Timeout();
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        ResponsesClientOptions options = ClientTestHost.Options(server);
        options.EnableMultiAgentBeta = true;
        await using var session = new ResponsesSession(options, ClientTestHost.Template());
        ClientTestHost.Fault(session, "await_steer");

        (List<ResponsesEvent> events, InjectResult inject) = await RunSteeredTurnAsync(session, () => session.InjectAsync(SteerItems(), ct), ct);

        Assert.True(inject.Created);
        Assert.Equal(session.LastResponseId, inject.ResponseId);
        Assert.Single(events.OfType<ResponseCreatedEvent>());
        Assert.Equal("response.completed", session.LastTurn!.TerminalEvent);
        Message injected = Assert.IsType<Message>(session.Conversation[^1]);
        Assert.Equal(SteerText, ((InputTextContent)injected.Content!.Parts![0]).Text);
        Assert.Equal(1 + session.LastTurn.Output.Count + 1, session.Conversation.Count);

        // The next turn chains from it with only its new items.
        ClientTestHost.Fault(session, null);
        Assert.False((await session.CompleteTurnAsync(ClientTestHost.Outputs(session.LastTurn.FunctionCalls), ct)).SentFullContext);
    }
}
