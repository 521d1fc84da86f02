using System;
using System.Collections.Generic;
using System.Diagnostics;
using ProtocolCore.Events;
using ProtocolCore.Models;

namespace ProtocolCore.Client;

/// <summary>
/// One attempt of a turn as it streams: the chain state's plan for it and the turn's new items, whether the server started it, the output items
/// it announced, and the result it builds (timings, counts) until the terminal event fills in the rest.
/// </summary>
/// <remarks>
/// A session runs one attempt at a time and keeps one instance for all of them (<see cref="Begin"/>): only the result,
/// which the caller keeps, is new per attempt.
/// </remarks>
internal sealed class TurnAttempt
{
    private readonly List<OutputItem> _streamed = [];
    private long _sentAt;

    /// <summary>An attempt goes out: everything of the last one is forgotten.</summary>
    public void Begin(ResponsesTransportMode mode, ChainPlan plan, List<InputItem> newItems, int retries)
    {
        _sentAt = Stopwatch.GetTimestamp();
        _streamed.Clear();
        Started = false;
        Plan = plan;
        NewItems = newItems;
        Result = new ResponsesTurnResult(mode) { SentFullContext = plan.FullContext, Retries = retries };
    }

    public ChainPlan Plan { get; private set; } = null!;

    /// <summary>The turn's new items (the conversation's others went too when <see cref="Plan"/> is the full context).</summary>
    public List<InputItem> NewItems { get; private set; } = null!;

    public ResponsesTurnResult Result { get; private set; } = null!;

    /// <summary>The server accepted the request (<c>response.created</c> or <c>.queued</c>): from here on it may have run, so it is never sent again.</summary>
    public bool Started { get; private set; }

    /// <summary>Counts an event of this attempt's response and keeps what the result needs from it.</summary>
    public void Observe(ResponsesEvent item)
    {
        if (++Result.EventCount == 1)
        {
            Result.TimeToFirstEvent = Stopwatch.GetElapsedTime(_sentAt);
        }

        Started |= item is ResponseCreatedEvent or ResponseQueuedEvent;
        if (Result.TimeToFirstDelta == TimeSpan.Zero && item.Type.EndsWith(".delta", StringComparison.Ordinal))
        {
            Result.TimeToFirstDelta = Stopwatch.GetElapsedTime(_sentAt);
        }

        if (item is OutputItemDoneEvent { Item: { } done })
        {
            _streamed.Add(done);
        }
    }

    /// <summary>
    /// A steered response was committed and its successor streams next: from here on the attempt is the successor's,
    /// whose new items are <paramref name="steeredItems"/> (the turn's counts and timings go on).
    /// </summary>
    public void HandOff(List<InputItem> steeredItems)
    {
        NewItems = steeredItems;
        _streamed.Clear();
    }

    /// <summary>
    /// Fills the result from the terminal event: the response, and its output items (the terminal response's own, or
    /// the streamed ones when it carries none) with the function calls among them.
    /// </summary>
    public void End(ResponsesEvent terminal)
    {
        Response? response = (terminal as IResponseLifecycleEvent)?.Response;
        // The streamed items are copied: the list is this attempt's, reused by the next one.
        List<OutputItem> output = response?.Output is { Count: > 0 } final ? final : [.. _streamed];
        List<FunctionCall>? calls = null;
        foreach (OutputItem item in output)
        {
            if (item is FunctionCall call)
            {
                (calls ??= []).Add(call);
            }
        }

        Result.TerminalEvent = terminal.Type;
        Result.Response = response;
        Result.ResponseId = response?.Id;
        Result.Output = output;
        Result.FunctionCalls = calls is null ? [] : calls;
    }
}
