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
/// which the caller keeps, is new per attempt, with an exact copy of the streamed items.
/// </remarks>
internal sealed class TurnAttempt
{
    private long _sentAt;

    /// <summary>The view path's decoder (null on the owned path): kept events read as views are kept from their JSON.</summary>
    private TurnViewReader? _views;
    private readonly List<OutputItem> _streamed = [];

    /// <summary>An attempt goes out: everything of the last one is forgotten.</summary>
    public void Begin(ResponsesTransportMode mode, ChainPlan plan, List<InputItem> newItems, int retries, TurnViewReader? views = null)
    {
        _sentAt = Stopwatch.GetTimestamp();
        _views = views;
        _streamed.Clear();
        Started = false;
        Plan = plan;
        NewItems = newItems;
        Result = new ResponsesTurnResult(mode) { SentFullContext = plan.FullContext, Retries = retries };
    }

    /// <summary>True while the attempt refers to a view decoder (between <see cref="Begin"/> and <see cref="EndTurn"/>).</summary>
    public bool HoldsViewReader => _views is not null;

    /// <summary>
    /// The turn is over (its decoder goes back to the pool): the attempt, which the session keeps, lets go of the decoder
    /// and of the streamed items, so an idle session holds neither.
    /// </summary>
    public void EndTurn()
    {
        _views = null;
        _streamed.Clear();
    }

    public ChainPlan Plan { get; private set; }

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

        if (item is OutputItemDoneEvent { Item: { } done } doneEvent)
        {
            _streamed.Add(_views is null ? done : _views.KeepItem(doneEvent, done));
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
    /// the streamed ones when it carries none) with the function calls among them. A terminal event read as a view is
    /// not kept: the result takes its targeted read (<see cref="TurnViewReader.ReadTerminal"/>) and has no
    /// <see cref="ResponsesTurnResult.Response"/>.
    /// </summary>
    public void End(ResponsesEvent terminal)
    {
        Response? response = (terminal as IResponseLifecycleEvent)?.Response;
        IReadOnlyList<OutputItem> output;
        if (_views?.ReadTerminal(terminal, _streamed) is { } read)
        {
            output = read.Output;
            Result.Response = null;
            Result.Usage = read.Usage;
            Result.ServiceTier = read.ServiceTier;
            Result.Error = read.Error;
            Result.IncompleteDetails = read.IncompleteDetails;
        }
        else
        {
            output = response?.Output is { Count: > 0 } final ? final : _streamed;
            Result.Response = response;
            Result.Usage = response?.Usage;
            Result.ServiceTier = response?.ServiceTier;
            Result.Error = response?.Error;
            Result.IncompleteDetails = response?.IncompleteDetails;
        }

        Result.TerminalEvent = terminal.Type;
        Result.ResponseId = response?.Id; // A string: safe to keep from a view.
        // The result keeps an exact copy of the streamed items: the list is the attempt's, reused by the next one.
        Result.KeptOutput = !ReferenceEquals(output, _streamed) ? output : _streamed.Count == 0 ? [] : _streamed.ToArray();
    }

}
