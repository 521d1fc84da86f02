using System;
using System.Collections.Generic;
using ProtocolCore.Events;
using ProtocolCore.Json;
using ProtocolCore.Models;
using ProtocolCore.Requests;

namespace ProtocolCore.Client;

/// <summary>
/// A conversation's chain state (spec §1.6–1.7), pure and synchronous: every input and output item so far, the response
/// the next request may chain from and where its state lives (<see cref="Anchor"/>), the rule that decides between
/// <c>previous_response_id</c> with only the new items and the full context (<see cref="Plan"/>), the request built
/// from that decision, and the recovery from <c>previous_response_not_found</c>. It never touches a socket: the
/// transport says where a request goes (<see cref="ChainSite"/>), the session reports how the turn ended.
/// </summary>
internal sealed class ConversationChain
{
    /// <summary>The error code of a continuation whose previous response the server no longer has.</summary>
    public const string PreviousResponseNotFound = "previous_response_not_found";

    /// <summary>The request <see cref="Fingerprint"/> writes (its fields set, written, cleared): one per thread, not one per turn.</summary>
    [ThreadStatic]
    private static ResponseCreateRequest? t_fingerprintFields;

    private readonly List<InputItem> _items = [];
    private KeptItemList<InputItem>? _presented;

    /// <summary>Every input and output item of the successful turns, in order; output items of view turns kept raw (<see cref="KeptOutputItem"/>).</summary>
    public IReadOnlyList<InputItem> Items => _items;

    /// <summary><see cref="Items"/> as callers see them: raw items decoded on first access (a live view, made once).</summary>
    public IReadOnlyList<InputItem> Presented => _presented ??= new KeptItemList<InputItem>(_items);

    /// <summary>The last successful response and where its state lives; null before the first one and after it was not found.</summary>
    public ChainAnchor? Anchor { get; private set; }

    /// <summary>
    /// The rule (Codex's, spec §1.7): chain when there is an anchor, the fields a continuation must repeat are the
    /// anchor's, and its state is reachable from <paramref name="site"/>: in a cache slot of the socket the request goes
    /// to (<see cref="ChainSite.Holds"/>), or in the server's store. Otherwise the request carries the full context.
    /// </summary>
    public ChainPlan Plan(ResponseCreateRequest template, ChainSite site)
    {
        byte[] fingerprint = Fingerprint(template, Anchor?.Fingerprint);
        ChainDecision decision = Anchor switch
        {
            null => ChainDecision.FullNoAnchor,
            { } anchor when !fingerprint.AsSpan().SequenceEqual(anchor.Fingerprint) => ChainDecision.FullFieldsChanged,
            { } anchor when anchor.Stored || site.Holds(anchor) => ChainDecision.Continue,
            _ => ChainDecision.FullNotReachable,
        };
        return new ChainPlan(decision, decision == ChainDecision.Continue ? Anchor!.Value.ResponseId : null, site, template.Store == true, fingerprint);
    }

    /// <summary>
    /// The plan when the full context is too large to send (issue 14 §3): chain from the anchor through the server's
    /// store, which is correct only when the anchor was created with <c>store: true</c> and the request stores too (the
    /// server looks <c>previous_response_id</c> up in its store only for such a request). Null when that does not hold.
    /// </summary>
    public ChainPlan? PlanThroughStore(ResponseCreateRequest template, ChainSite site) =>
        Anchor is { Stored: true } anchor && template.Store == true
            ? new ChainPlan(ChainDecision.ContinueThroughStore, anchor.ResponseId, site, Stored: true, Fingerprint(template, anchor.Fingerprint))
            : null;

    /// <summary>
    /// The request for <paramref name="plan"/>: the template as it is now, every member (so a member added to the model
    /// is never dropped here), with the input, <c>previous_response_id</c> and <c>generate</c> of this request.
    /// <paramref name="into"/>, when given, is filled and returned instead of a new copy; <paramref name="newInput"/>,
    /// when given, is <paramref name="newItems"/> as an input already (a chained request's, without a wrapper per turn).
    /// </summary>
    public ResponseCreateRequest BuildRequest(ResponseCreateRequest template, ChainPlan plan, List<InputItem> newItems, bool generate, ResponseCreateRequest? into = null, ResponseInput? newInput = null)
    {
        ResponseCreateRequest request = into?.CopyFrom(template) ?? template.ShallowCopy();
        request.Input = plan.FullContext ? new ResponseInput([.. _items, .. newItems]) : newInput ?? newItems;
        request.PreviousResponseId = plan.PreviousResponseId;
        request.Generate = generate ? template.Generate is false ? null : template.Generate : false;
        return request;
    }

    /// <summary>
    /// Records how a request of <paramref name="plan"/> ended. A successful end (<c>response.completed</c>, <c>.done</c>,
    /// <c>.incomplete</c>) with a response id adds <paramref name="newItems"/> and <paramref name="output"/> to the
    /// conversation and makes that response the anchor, living in the slot the request went to (and the store when it
    /// was stored). Anything else leaves the conversation at the last successful turn: after <c>response.failed</c> the
    /// chain stays on it. A failed continuation on the anchor's own lane (same socket, same <c>stream_id</c>) made the
    /// server evict the anchor from that slot (spec §1.6), so the chain forgets the slot and the next request sends the
    /// full context (or chains through the store when the anchor was stored); a failed cross-lane fork leaves the
    /// parent where it was, as the server does.
    /// </summary>
    public ChainCommit Commit(ChainPlan plan, IReadOnlyList<InputItem> newItems, ResponsesEvent terminal, IReadOnlyList<OutputItem> output)
    {
        if (terminal is not (ResponseCompletedEvent or ResponseDoneEvent or ResponseIncompleteEvent))
        {
            EvictAfterFailure(plan);
            return ChainCommit.Unsuccessful;
        }

        if ((terminal as IResponseLifecycleEvent)?.Response is not { } response)
        {
            return ChainCommit.MissingResponse;
        }

        if (response.Id is not { Length: > 0 } id)
        {
            return ChainCommit.MissingResponseId;
        }

        _items.AddRange(newItems);
        // By index: a foreach over the interface would box the list's enumerator every turn.
        for (int i = 0; i < output.Count; i++)
        {
            _items.Add(ToInput(output[i]));
        }

        Anchor = new ChainAnchor(id, plan.Site.Place, plan.Stored, plan.Fingerprint);
        return ChainCommit.Committed;
    }

    /// <summary>
    /// Adds items the server put into the anchor's context after its output (injected into a running response), so the
    /// full context sent later matches it. Called right after a <see cref="Commit"/> that committed.
    /// </summary>
    public void Append(IReadOnlyList<InputItem> items) => _items.AddRange(items);

    /// <summary>
    /// Whether <c>previous_response_not_found</c>, answered before the server started a request of <paramref name="plan"/>,
    /// can be recovered from: only when the request chained (then <see cref="ForgetAnchor"/> and send it again with the
    /// full context, which cannot be answered so). A request that carried the full context has nothing to recover.
    /// </summary>
    public static bool CanRecoverFromNotFound(ChainPlan plan) => !plan.FullContext;

    /// <summary>
    /// The server no longer has the response a request of <paramref name="plan"/> chained from, anywhere the client
    /// looked: the chain forgets it, so the next plan carries the full context.
    /// </summary>
    public void ForgetAnchor(ChainPlan plan)
    {
        if (plan.PreviousResponseId is { } gone && Anchor?.ResponseId == gone)
        {
            Anchor = null;
        }
    }

    /// <summary>
    /// The start of a fork: <paramref name="source"/>'s conversation and anchor, so the fork's first request chains
    /// from the source's last response (from another lane's slot of the same socket) with only its own new items.
    /// </summary>
    public void CopyFrom(ConversationChain source)
    {
        _items.Clear();
        _items.AddRange(source._items);
        Anchor = source.Anchor;
    }

    /// <summary>A 4xx/5xx on a continuation evicts its parent from the parent's slot, only when the request went to that very lane.</summary>
    private void EvictAfterFailure(ChainPlan plan)
    {
        if (plan.PreviousResponseId is { } parent && Anchor is { Place: { } home } anchor && anchor.ResponseId == parent && plan.Site.Place == home)
        {
            Anchor = anchor with { Place = null };
        }
    }

    /// <summary>
    /// The JSON of the fields that must not change for a continuation to send only new items (Codex's rule):
    /// <paramref name="previous"/> itself when it is the same, so a turn whose template did not change allocates nothing
    /// for it (the fields are set on a per-thread scratch request, written into a per-thread buffer and compared).
    /// </summary>
    private static byte[] Fingerprint(ResponseCreateRequest t, byte[]? previous)
    {
        ResponseCreateRequest fields = t_fingerprintFields ?? new ResponseCreateRequest();
        t_fingerprintFields = null;
        try
        {
            fields.Model = t.Model;
            fields.Instructions = t.Instructions;
            fields.Tools = t.Tools;
            fields.ToolChoice = t.ToolChoice;
            fields.ParallelToolCalls = t.ParallelToolCalls;
            fields.Reasoning = t.Reasoning;
            fields.Store = t.Store;
            fields.Include = t.Include;
            fields.ServiceTier = t.ServiceTier;
            fields.PromptCacheKey = t.PromptCacheKey;
            fields.Text = t.Text;
            if (previous is null)
            {
                return ProtocolJson.ToUtf8Bytes(fields);
            }

            return ProtocolJson.SerializesTo(fields, previous, out byte[]? changed) ? previous : changed!;
        }
        finally
        {
            // The scratch keeps nothing of the caller's alive.
            fields.Model = null;
            fields.Instructions = null;
            fields.Tools = null;
            fields.ToolChoice = null;
            fields.ParallelToolCalls = null;
            fields.Reasoning = null;
            fields.Store = null;
            fields.Include = null;
            fields.ServiceTier = null;
            fields.PromptCacheKey = null;
            fields.Text = null;
            t_fingerprintFields = fields;
        }
    }

    /// <summary>An output item replays as itself: every output item is an input item (owned, or kept raw and written back as received).</summary>
    private static InputItem ToInput(OutputItem item) => item;

    public override string ToString() => $"ConversationChain {{ Items = {_items.Count}, Anchor = {Anchor?.ResponseId ?? "none"} }}";
}
