using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;
using ProtocolCore.Models;
using ProtocolCore.Requests;

namespace ProtocolCore.Emulator;

/// <summary>
/// Mid-turn input on one connection: <c>response.steer</c> and (with <c>OpenAI-Beta: responses_multi_agent=v1</c> on
/// the upgrade) <c>response.inject</c>. It knows the responses the connection's lanes are running and a bounded memory
/// of the ones that ended; a message for a running response is posted to it and answered in its stream (see
/// <see cref="ResponseRunner"/>), anything else is answered here at once. After a response ended <c>steered</c> it runs
/// the successor the server starts by itself, on the same lane, with the steered input.
/// </summary>
internal sealed class SteerHandler
{
    /// <summary>How many ended responses are remembered, to tell "already completed" from "not found".</summary>
    private const int RememberedEnded = 256;

    private readonly ResponseEngine _engine;
    private readonly IEventSink _sink;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, RunningResponse> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _ended = new(StringComparer.Ordinal);
    private readonly Queue<string> _endedOrder = new();

    public SteerHandler(ResponseEngine engine, IEventSink sink, bool multiAgentBeta)
    {
        _engine = engine;
        _sink = sink;
        MultiAgentBeta = multiAgentBeta;
    }

    /// <summary>The upgrade asked for the multi-agent beta: <c>response.inject</c> is understood.</summary>
    public bool MultiAgentBeta { get; }

    /// <summary>A response starts (before its <c>response.created</c> is sent, so a steer right after it finds it).</summary>
    public RunningResponse Open(string id, string? streamId)
    {
        var running = new RunningResponse(id, streamId, _engine.Options.MaxPendingSteers);
        lock (_lock)
        {
            _running[id] = running;
        }

        return running;
    }

    /// <summary>The response ended, however it did.</summary>
    public void Close(RunningResponse running)
    {
        running.Take(close: true);
        lock (_lock)
        {
            _running.Remove(running.Id);
            if (_ended.TryAdd(running.Id, running.StreamId))
            {
                _endedOrder.Enqueue(running.Id);
                if (_endedOrder.Count > RememberedEnded)
                {
                    _ended.Remove(_endedOrder.Dequeue());
                }
            }
        }
    }

    public async Task HandleSteerAsync(ReadOnlyMemory<byte> utf8)
    {
        string steerId = _engine.NextItemId("steer");
        if (!RequestDecoder.TryDecode(utf8, out ResponseSteerRequest? steer, out string? error)
            || steer!.PreviousResponseId is not { Length: > 0 } id
            || ToItems(steer.Input) is not { Count: > 0 } items)
        {
            await SendSteerFailedAsync(steerId, steer?.PreviousResponseId, null, "invalid_input", error ?? "A steer needs 'previous_response_id' and a non-empty 'input'.").ConfigureAwait(false);
            return;
        }

        (MidTurnPost? post, string? streamId) = Post(id, new MidTurnInput(Inject: false, steerId, items));
        switch (post)
        {
            case MidTurnPost.Posted:
                return;
            case MidTurnPost.Full:
                await SendSteerFailedAsync(steerId, id, streamId, "too_many_pending_steers", $"Response '{id}' already has {_engine.Options.MaxPendingSteers} steers waiting.").ConfigureAwait(false);
                return;
            case MidTurnPost.Closed:
                await SendSteerFailedAsync(steerId, id, streamId, "response_already_completed", $"Response '{id}' has already completed; steer the next turn instead.").ConfigureAwait(false);
                return;
            default:
                await SendSteerFailedAsync(steerId, id, null, "response_not_found", $"No running response with id '{id}' on this connection.").ConfigureAwait(false);
                return;
        }
    }

    public async Task HandleInjectAsync(ReadOnlyMemory<byte> utf8)
    {
        if (!RequestDecoder.TryDecode(utf8, out ResponseInjectRequest? inject, out string? error)
            || inject!.ResponseId is not { Length: > 0 } id
            || ToItems(inject.Input) is not { Count: > 0 } items)
        {
            await _sink.SendAsync(EmulatorErrors.InvalidRequest("invalid_request", error ?? "An inject needs 'response_id' and a non-empty 'input'.", null, null), CancellationToken.None).ConfigureAwait(false);
            return;
        }

        (MidTurnPost? post, string? streamId) = Post(id, new MidTurnInput(Inject: true, null, items));
        (string? code, string message) = post switch
        {
            MidTurnPost.Posted => (null, ""),
            MidTurnPost.Closed => ("response_already_completed", $"Response '{id}' has already completed."),
            MidTurnPost.Full => ("response_already_completed", $"Response '{id}' takes no more input (limit {_engine.Options.MaxPendingSteers})."),
            _ => ("response_not_found", $"No running response with id '{id}' on this connection."),
        };
        if (code is not null)
        {
            var failed = new ResponseInjectFailedEvent { ResponseId = id, Input = items, Error = new ResponseError { Code = code, Message = message } };
            await SendAsync(failed, streamId).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// While <paramref name="result"/> is a steered end, runs the successor: the same request fields, chained from the
    /// steered response, with the accepted steers' input. Returns the last successor's result (or <paramref name="result"/>).
    /// </summary>
    public async Task<RunResult> RunSuccessorsAsync(ResponseCreateRequest request, ResponseRunner runner, EmulatorFaults faults, RunResult result, CancellationToken cancellationToken)
    {
        // The successor does not hold for another steer (it would only wait out the limit); the answers' faults stay.
        var successorFaults = new EmulatorFaults(faults.Faults & ~EmulatorFault.AwaitSteer, faults.Delay);
        while (result.Outcome == RunOutcome.Steered)
        {
            // Persisted already, before its incomplete event went out (CommitSteered).
            request = Successor(request, result.ResponseId, runner.SteeredInput);
            runner = new ResponseRunner(_engine, request, _sink, successorFaults, this) { SuccessorOfSteer = true, CommitSucceeded = runner.CommitSucceeded };
            _engine.Counters.ContextResolved(ContextSource.ConnectionCache);
            result = await runner.RunAsync(result.Context, ContextSource.ConnectionCache, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>
    /// A steered response is persisted (unless <c>store=false</c>) before its <c>incomplete</c> event is sent, as a
    /// successful one is before its terminal event: the client may chain from it as soon as it reads that event.
    /// </summary>
    public void CommitSteered(ResponseCreateRequest request, string id, ConversationContext context)
    {
        if (request.Store != false)
        {
            _engine.Persist(id, context);
        }
    }

    /// <summary>Posts to a running response; null when none by that id runs. Also says the lane to answer on.</summary>
    private (MidTurnPost? Post, string? StreamId) Post(string id, MidTurnInput input)
    {
        RunningResponse? running;
        lock (_lock)
        {
            if (!_running.TryGetValue(id, out running))
            {
                return _ended.TryGetValue(id, out string? endedLane) ? (MidTurnPost.Closed, endedLane) : (null, null);
            }
        }

        return (running.Post(input), running.StreamId);
    }

    private Task SendSteerFailedAsync(string steerId, string? responseId, string? streamId, string code, string message) =>
        SendAsync(
            new SteerFailedEvent
            {
                Steer = new SteerInfo { Id = steerId, PreviousResponseId = responseId },
                Error = new ResponseError { Code = code, Message = message },
            },
            streamId);

    private Task SendAsync(ResponsesEvent value, string? streamId)
    {
        if (streamId is not null)
        {
            value.StreamId = streamId;
        }

        return _sink.SendAsync(value, CancellationToken.None).AsTask();
    }

    private static List<InputItem>? ToItems(ResponseInput? input) => input switch
    {
        null => null,
        { Items: { } items } => items,
        { Text: { Length: > 0 } text } => [new Message { Role = MessageRole.User, Content = text }],
        _ => null,
    };

    private static ResponseCreateRequest Successor(ResponseCreateRequest steered, string steeredId, List<InputItem> input) => new()
    {
        Model = steered.Model,
        Instructions = steered.Instructions,
        Tools = steered.Tools,
        ToolChoice = steered.ToolChoice,
        ParallelToolCalls = steered.ParallelToolCalls,
        Reasoning = steered.Reasoning,
        MaxOutputTokens = steered.MaxOutputTokens,
        Temperature = steered.Temperature,
        TopP = steered.TopP,
        Metadata = steered.Metadata,
        Store = steered.Store,
        Include = steered.Include,
        StreamId = steered.StreamId,
        PreviousResponseId = steeredId,
        Input = input,
    };
}
