using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;
using ProtocolCore.Json;
using ProtocolCore.Models;
using ProtocolCore.Requests;

namespace ProtocolCore.Emulator;

/// <summary>
/// Streams one response of the scripted model: the event sequence of spec §2.2 with <c>sequence_number</c> from 0,
/// the cost model's delays, and the requested faults. One instance per response.
/// </summary>
internal sealed partial class ResponseRunner
{
    private static readonly RawJson s_autoToolChoice = new("\"auto\""u8.ToArray());
    private static readonly RawJson s_emptyObject = new("{}"u8.ToArray());

    private readonly ResponseEngine _engine;
    private readonly ResponseCreateRequest _request;
    private readonly IEventSink _sink;
    private readonly EmulatorFaults _faults;
    private readonly EmulatorCostModel _cost;
    private readonly string? _streamId;
    private readonly string _id;
    private readonly long _createdAt;
    private readonly RawJson? _instructions;
    private readonly RawJson _metadata;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<OutputItem> _output = new();
    private TimeSpan _budget;
    private int _sequence;
    private int _outputTokens;
    private int _reasoningTokens;
    private bool _deltaSent;

    /// <summary>
    /// Caches a successful response (its id and the context after it) just before its terminal event is sent, not after:
    /// once the client has read <c>response.completed</c> it may chain from it, and on another lane that request runs
    /// while this response's lane is still finishing up (spec §1.6: a successful response replaces the lane's slot).
    /// </summary>
    public Action<string, ConversationContext>? CommitSucceeded { get; init; }

    public ResponseRunner(ResponseEngine engine, ResponseCreateRequest request, IEventSink sink, EmulatorFaults faults, SteerHandler? steering = null)
    {
        _engine = engine;
        _steering = steering;
        _request = request;
        _sink = sink;
        _faults = faults;
        _cost = engine.Options.CostModel;
        _streamId = request.StreamId;
        _id = engine.NextResponseId();
        _createdAt = engine.Options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        _instructions = request.Instructions is null ? null : new RawJson(Encode(w => w.WriteStringValue(request.Instructions)));
        _metadata = request.Metadata is null ? s_emptyObject : new RawJson(Encode(w => WriteMetadata(w, request.Metadata)));
    }

    /// <summary>The scripted run itself (<see cref="RunAsync"/> adds the steering registration around it).</summary>
    private async Task<RunResult> RunScriptAsync(ConversationContext? previous, ContextSource source, CancellationToken cancellationToken)
    {
        ConversationContext before = previous ?? ConversationContext.Empty;
        (List<byte[]> newItems, int toolOutputs) = EncodeInput(_request.Input);
        ConversationContext context = before.Append(newItems, toolOutputs);

        // Instructions and tools are re-sent every turn; they count as input but are not part of the chain.
        long requestBytes = (_instructions?.Span.Length ?? 0) + ToolBytes(_request.Tools);
        int inputTokens = EmulatorCostModel.EstimateTokens(context.ByteCount + requestBytes);
        int cachedTokens = source == ContextSource.ConnectionCache ? before.TokenCount : 0;

        await SpendAsync(_cost.PerRequestOverhead, cancellationToken).ConfigureAwait(false);
        if (source == ContextSource.PersistedStore)
        {
            await SpendAsync(_engine.Options.PersistedLookupDelay, cancellationToken).ConfigureAwait(false);
        }

        _engine.Counters.ResponseStarted();
        OpenForSteering();
        await SendAsync(new ResponseCreatedEvent { Response = Snapshot(ResponseStatus.InProgress, usage: null) }, cancellationToken).ConfigureAwait(false);

        if (_request.Generate == false)
        {
            // Warm-up: prefill the context so the next turn starts from the cache; no output, zero usage.
            await SpendAsync(_cost.Prefill(inputTokens - cachedTokens), cancellationToken).ConfigureAwait(false);
            await SendTerminalAsync(ResponseStatus.Completed, ZeroUsage(), cancellationToken, succeeded: context).ConfigureAwait(false);
            return new RunResult(RunOutcome.Succeeded, _id, context);
        }

        await SendAsync(new ResponseInProgressEvent { Response = Snapshot(ResponseStatus.InProgress, usage: null) }, cancellationToken).ConfigureAwait(false);
        if (_faults.Has(EmulatorFault.UnknownEvents))
        {
            await SendUnknownAsync("response.emulator.note", sequenced: true, cancellationToken).ConfigureAwait(false);
        }

        await SpendAsync(_cost.Prefill(inputTokens - cachedTokens), cancellationToken).ConfigureAwait(false);
        if (_faults.Delay > TimeSpan.Zero)
        {
            await Task.Delay(_faults.Delay, cancellationToken).ConfigureAwait(false);
        }

        if (_faults.Has(EmulatorFault.FlatError))
        {
            await SendAsync(EmulatorErrors.Flat("server_error", "The emulator injected a flat error event (emulator_fault=flat_error)."), cancellationToken).ConfigureAwait(false);
            return new RunResult(RunOutcome.Failed, _id, null);
        }

        ScriptedTurn turn = ScriptedCodingAgent.PlanTurn(context.FunctionCallOutputCount);
        bool includeEncrypted = _request.Include?.Contains("reasoning.encrypted_content") == true;
        await EmitReasoningAsync(turn.Reasoning, includeEncrypted, cancellationToken).ConfigureAwait(false);

        var pending = new List<Func<CancellationToken, Task<bool>>>();
        if (_faults.Has(EmulatorFault.Refusal))
        {
            pending.Add(ct => EmitMessageAsync(ScriptedCodingAgent.RefusalMessage, refusal: true, ct));
        }
        else
        {
            foreach (ScriptedCall call in turn.Calls)
            {
                pending.Add(ct => EmitFunctionCallAsync(call, ct));
            }

            if (turn.Message is { } message)
            {
                pending.Add(ct => EmitMessageAsync(message, refusal: false, ct));
            }
        }

        if (SuccessorOfSteer)
        {
            pending.Insert(0, ct => EmitMessageAsync(SteerAcknowledgement(), refusal: false, ct));
        }

        for (int i = 0; i < pending.Count; i++)
        {
            if (!await pending[i](cancellationToken).ConfigureAwait(false))
            {
                return new RunResult(RunOutcome.Aborted, _id, null);
            }

            if (_faults.Has(EmulatorFault.UnknownEvents))
            {
                await SendUnknownAsync("emulator.rate_limits", sequenced: false, cancellationToken).ConfigureAwait(false);
            }

            if (_faults.Has(EmulatorFault.ResponseFailed))
            {
                await SendTerminalAsync(ResponseStatus.Failed, Usage(inputTokens, cachedTokens), cancellationToken).ConfigureAwait(false);
                return new RunResult(RunOutcome.Failed, _id, null);
            }

            if (_faults.Has(EmulatorFault.ResponseIncomplete))
            {
                ConversationContext cut = AfterOutput(context);
                await SendTerminalAsync(ResponseStatus.Incomplete, Usage(inputTokens, cachedTokens), cancellationToken, succeeded: cut).ConfigureAwait(false);
                return new RunResult(RunOutcome.Succeeded, _id, cut);
            }

            if (await TakeMidTurnInputAsync(hold: false, close: false, cancellationToken).ConfigureAwait(false))
            {
                return await EndSteeredAsync(context, Usage(inputTokens, cachedTokens), cancellationToken).ConfigureAwait(false);
            }
        }

        if (await TakeMidTurnInputAsync(hold: _faults.Has(EmulatorFault.AwaitSteer), close: true, cancellationToken).ConfigureAwait(false))
        {
            return await EndSteeredAsync(context, Usage(inputTokens, cachedTokens), cancellationToken).ConfigureAwait(false);
        }

        ConversationContext after = AfterOutput(context);
        await SendTerminalAsync(ResponseStatus.Completed, Usage(inputTokens, cachedTokens), cancellationToken, succeeded: after).ConfigureAwait(false);
        return new RunResult(RunOutcome.Succeeded, _id, after);
    }

    private async Task EmitReasoningAsync(ScriptedReasoning reasoning, bool includeEncrypted, CancellationToken cancellationToken)
    {
        int outputIndex = _output.Count;
        string id = _engine.NextItemId("rs");
        ReasoningItem Item() => new() { Id = id, Summary = [], EncryptedContent = includeEncrypted ? reasoning.EncryptedContent : null };

        await SendAsync(new OutputItemAddedEvent { OutputIndex = outputIndex, Item = Item() }, cancellationToken).ConfigureAwait(false);
        _reasoningTokens += reasoning.Tokens;
        _outputTokens += reasoning.Tokens;
        await SpendAsync(_cost.Generate(reasoning.Tokens), cancellationToken).ConfigureAwait(false);
        ReasoningItem done = Item();
        await SendAsync(new OutputItemDoneEvent { OutputIndex = outputIndex, Item = done }, cancellationToken).ConfigureAwait(false);
        _output.Add(done);
    }

    private async Task<bool> EmitFunctionCallAsync(ScriptedCall call, CancellationToken cancellationToken)
    {
        int outputIndex = _output.Count;
        string id = _engine.NextItemId("fc");
        string callId = _engine.NextItemId("call");
        await SendAsync(
            new OutputItemAddedEvent
            {
                OutputIndex = outputIndex,
                Item = new FunctionCall { Id = id, CallId = callId, Name = call.Name, Arguments = "", Status = ItemStatus.InProgress },
            },
            cancellationToken).ConfigureAwait(false);

        foreach (string delta in Chunk(call.Arguments, outputIndex))
        {
            await SendAsync(new FunctionCallArgumentsDeltaEvent { ItemId = id, OutputIndex = outputIndex, Delta = delta }, cancellationToken).ConfigureAwait(false);
            if (!await AfterDeltaAsync(delta, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        await SendAsync(
            new FunctionCallArgumentsDoneEvent
            {
                ItemId = id,
                OutputIndex = outputIndex,
                Name = _faults.Has(EmulatorFault.MissingName) ? default(Utf8Text?) : call.Name,
                Arguments = call.Arguments,
            },
            cancellationToken).ConfigureAwait(false);

        var done = new FunctionCall { Id = id, CallId = callId, Name = call.Name, Arguments = call.Arguments, Status = ItemStatus.Completed };
        await SendAsync(new OutputItemDoneEvent { OutputIndex = outputIndex, Item = done }, cancellationToken).ConfigureAwait(false);
        _output.Add(done);
        return true;
    }

    /// <summary>An assistant message with one <c>output_text</c> part, or one <c>refusal</c> part.</summary>
    private async Task<bool> EmitMessageAsync(string text, bool refusal, CancellationToken cancellationToken)
    {
        int outputIndex = _output.Count;
        string id = _engine.NextItemId("msg");
        await SendAsync(
            new OutputItemAddedEvent
            {
                OutputIndex = outputIndex,
                Item = new Message { Id = id, Role = MessageRole.Assistant, Status = ItemStatus.InProgress, Content = new MessageContent([]) },
            },
            cancellationToken).ConfigureAwait(false);
        await SendAsync(
            new ContentPartAddedEvent { ItemId = id, OutputIndex = outputIndex, ContentIndex = 0, Part = Part("", refusal) },
            cancellationToken).ConfigureAwait(false);

        foreach (string delta in Chunk(text, outputIndex))
        {
            ResponsesEvent deltaEvent = refusal
                ? new RefusalDeltaEvent { ItemId = id, OutputIndex = outputIndex, ContentIndex = 0, Delta = delta }
                : new OutputTextDeltaEvent { ItemId = id, OutputIndex = outputIndex, ContentIndex = 0, Delta = delta, Logprobs = [] };
            await SendAsync(deltaEvent, cancellationToken).ConfigureAwait(false);
            if (!await AfterDeltaAsync(delta, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        ResponsesEvent doneEvent = refusal
            ? new RefusalDoneEvent { ItemId = id, OutputIndex = outputIndex, ContentIndex = 0, Refusal = text }
            : new OutputTextDoneEvent { ItemId = id, OutputIndex = outputIndex, ContentIndex = 0, Text = text, Logprobs = [] };
        await SendAsync(doneEvent, cancellationToken).ConfigureAwait(false);
        await SendAsync(new ContentPartDoneEvent { ItemId = id, OutputIndex = outputIndex, ContentIndex = 0, Part = Part(text, refusal) }, cancellationToken).ConfigureAwait(false);
        var done = new Message { Id = id, Role = MessageRole.Assistant, Status = ItemStatus.Completed, Content = new MessageContent([Part(text, refusal)]) };
        await SendAsync(new OutputItemDoneEvent { OutputIndex = outputIndex, Item = done }, cancellationToken).ConfigureAwait(false);
        _output.Add(done);
        return true;
    }

    /// <summary>Charges a delta's tokens; false when the abrupt-close fault dropped the connection after it.</summary>
    private async Task<bool> AfterDeltaAsync(string delta, CancellationToken cancellationToken)
    {
        int tokens = EmulatorCostModel.EstimateTokens(Encoding.UTF8.GetByteCount(delta));
        _outputTokens += tokens;
        await SpendAsync(_cost.Generate(tokens), cancellationToken).ConfigureAwait(false);
        if (!_deltaSent && _faults.Has(EmulatorFault.AbruptClose))
        {
            _sink.Abort();
            return false;
        }

        _deltaSent = true;
        return true;
    }

    /// <summary>
    /// Sends the terminal event. A successful one (<paramref name="succeeded"/>: the context after the response) is first
    /// committed (<see cref="CommitSucceeded"/>): a client that has read the terminal event may continue from the
    /// response at once, from any lane, so it must be cached before the client can see it end.
    /// </summary>
    private async Task SendTerminalAsync(ResponseStatus status, ResponseUsage usage, CancellationToken cancellationToken, ConversationContext? succeeded = null)
    {
        if (succeeded is not null)
        {
            CommitSucceeded?.Invoke(_id, succeeded);
        }

        Response response = Snapshot(status, usage);
        response.CompletedAt = status == ResponseStatus.Completed ? _engine.Options.TimeProvider.GetUtcNow().ToUnixTimeSeconds() : null;
        ResponsesEvent terminal;
        switch (status)
        {
            case ResponseStatus.Failed:
                response.Error = new ResponseError { Code = "server_error", Message = "The emulator injected a failure (emulator_fault=response_failed)." };
                terminal = new ResponseFailedEvent { Response = response };
                break;
            case ResponseStatus.Incomplete:
                response.IncompleteDetails = new IncompleteDetails { Reason = _steeredEnd ? IncompleteReason.Steered : IncompleteReason.MaxOutputTokens };
                terminal = new ResponseIncompleteEvent { Response = response };
                break;
            default:
                terminal = _faults.Has(EmulatorFault.DoneTerminal) ? new ResponseDoneEvent { Response = response } : new ResponseCompletedEvent { Response = response };
                break;
        }

        await SendAsync(terminal, cancellationToken).ConfigureAwait(false);
    }

    private ValueTask SendAsync(ResponsesEvent value, CancellationToken cancellationToken)
    {
        value.SequenceNumber = _sequence++;
        if (_streamId is not null)
        {
            value.StreamId = _streamId;
        }

        return _sink.SendAsync(value, cancellationToken);
    }

    /// <summary>An event of a type no client knows, to check that clients skip it.</summary>
    private ValueTask SendUnknownAsync(string type, bool sequenced, CancellationToken cancellationToken)
    {
        byte[] json = Encode(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, type);
            if (sequenced)
            {
                writer.WriteNumber("sequence_number"u8, _sequence++);
            }

            if (_streamId is not null)
            {
                writer.WriteString("stream_id"u8, _streamId);
            }

            writer.WriteString("note"u8, "Injected by emulator_fault=unknown_event — ignore me ✓");
            writer.WriteStartObject("detail"u8);
            writer.WriteNumber("used_percent"u8, 12.5);
            writer.WriteStartArray("nested"u8);
            writer.WriteStringValue("\"quoted\"\n");
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
        return _sink.SendAsync(new UnknownEvent(type, new RawJson(json)), cancellationToken);
    }

    private Response Snapshot(ResponseStatus status, ResponseUsage? usage) => new()
    {
        Id = _id,
        Object = "response",
        CreatedAt = _createdAt,
        Status = status,
        Model = _request.Model ?? _engine.Options.DefaultModel,
        Output = new List<OutputItem>(_output),
        Instructions = _instructions,
        PreviousResponseId = _request.PreviousResponseId,
        Store = _request.Store ?? true,
        Tools = _request.Tools ?? [],
        ToolChoice = _request.ToolChoice ?? s_autoToolChoice,
        ParallelToolCalls = _request.ParallelToolCalls ?? true,
        Reasoning = _request.Reasoning,
        MaxOutputTokens = _request.MaxOutputTokens,
        Temperature = _request.Temperature ?? 1.0,
        TopP = _request.TopP ?? 1.0,
        Metadata = _metadata,
        Usage = usage,
    };

    private ResponseUsage Usage(int inputTokens, int cachedTokens) => new()
    {
        InputTokens = inputTokens,
        InputTokensDetails = new InputTokensDetails { CachedTokens = cachedTokens },
        OutputTokens = _outputTokens,
        OutputTokensDetails = new OutputTokensDetails { ReasoningTokens = _reasoningTokens },
        TotalTokens = inputTokens + _outputTokens,
    };

    private static ResponseUsage ZeroUsage() => new()
    {
        InputTokens = 0,
        InputTokensDetails = new InputTokensDetails { CachedTokens = 0 },
        OutputTokens = 0,
        OutputTokensDetails = new OutputTokensDetails { ReasoningTokens = 0 },
        TotalTokens = 0,
    };

    private static OutputContent Part(string text, bool refusal) =>
        refusal ? new RefusalContent { Refusal = text } : new OutputTextContent { Text = text, Annotations = [], Logprobs = [] };

    /// <summary>Waits until the simulated compute so far has elapsed (self-correcting, so timer slack does not add up).</summary>
    private async ValueTask SpendAsync(TimeSpan cost, CancellationToken cancellationToken)
    {
        if (cost <= TimeSpan.Zero)
        {
            return;
        }

        _budget += cost;
        TimeSpan wait = _budget - _clock.Elapsed;
        if (wait >= TimeSpan.FromMilliseconds(1))
        {
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deterministic token-like chunks of 2–12 characters that never split a surrogate pair.</summary>
    private static List<string> Chunk(string text, int salt)
    {
        var random = DeterministicRandom.From(salt, text);
        var chunks = new List<string>();
        int start = 0;
        while (start < text.Length)
        {
            int end = Math.Min(text.Length, start + random.Next(2, 13));
            if (end < text.Length && char.IsHighSurrogate(text[end - 1]))
            {
                end++;
            }

            chunks.Add(text[start..end]);
            start = end;
        }

        return chunks;
    }

    private static (List<byte[]> Items, int FunctionCallOutputs) EncodeInput(ResponseInput? input)
    {
        var items = new List<byte[]>();
        int toolOutputs = 0;
        if (input is null)
        {
            return (items, 0);
        }

        if (input.Items is null)
        {
            var message = new Message { Role = MessageRole.User, Content = input.Text! };
            items.Add(Encode(message.WriteJson));
            return (items, 0);
        }

        foreach (InputItem item in input.Items)
        {
            items.Add(Encode(item.WriteJson));
            if (item is FunctionCallOutput)
            {
                toolOutputs++;
            }
        }

        return (items, toolOutputs);
    }

    private List<byte[]> EncodeOutput()
    {
        var items = new List<byte[]>(_output.Count);
        foreach (OutputItem item in _output)
        {
            items.Add(Encode(item.WriteJson));
        }

        return items;
    }

    private static long ToolBytes(List<Tool>? tools)
    {
        long bytes = 0;
        if (tools is not null)
        {
            foreach (Tool tool in tools)
            {
                bytes += Encode(tool.WriteJson).Length;
            }
        }

        return bytes;
    }

    private static void WriteMetadata(Utf8JsonWriter writer, Dictionary<string, string> metadata)
    {
        writer.WriteStartObject();
        foreach (KeyValuePair<string, string> pair in metadata)
        {
            writer.WriteString(pair.Key, pair.Value);
        }

        writer.WriteEndObject();
    }

    private static byte[] Encode(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, ResponsesEventJson.WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
