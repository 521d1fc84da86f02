using ProtocolCore.Requests;

namespace ProtocolCore.Client;

/// <summary>
/// One turn's way around a <c>response.create</c> over <see cref="ResponsesClientOptions.MaxRequestMessageBytes"/>
/// (issue 14 §3), in the order that keeps the request small and correct: a request that chains is small already; one
/// that carries the full context chains through the server's store when the conversation is stored; failing that, the
/// turn goes over HTTP mode (its own body limit, no socket to lose) when <see cref="ResponsesClientOptions.AllowHttpFallback"/>
/// is on; otherwise the caller gets the <see cref="ResponsesRequestTooLargeException"/>. Only this turn: the next one
/// starts on the session's own transport again, and the connection was never written to.
/// </summary>
internal sealed class RequestSizeFallback
{
    /// <summary>Chain from the anchor through the store instead of sending the full context.</summary>
    public bool ThroughStore { get; private set; }

    /// <summary>Send this turn over HTTP mode.</summary>
    public bool OverHttp { get; private set; }

    /// <summary>
    /// The next step after the transport refused the request of <paramref name="plan"/> as too large; false when none
    /// is left (the caller rethrows <paramref name="error"/>). Reports the switch to HTTP mode to the observer.
    /// </summary>
    public bool TryNext(ResponsesRequestTooLargeException error, ChainPlan plan, ConversationChain chain, ResponseCreateRequest template, ResponsesClientOptions options)
    {
        if (OverHttp)
        {
            return false;
        }

        if (!ThroughStore && plan.FullContext && chain.PlanThroughStore(template, plan.Site) is not null)
        {
            ThroughStore = true;
            return true;
        }

        if (options.AllowHttpFallback)
        {
            OverHttp = true;
            ObserverReport.HttpFallback(options, error);
            return true;
        }

        return false;
    }

    /// <summary>
    /// The plan for the next attempt on <paramref name="site"/>: through the store once chosen and while the anchor is
    /// there (a <c>previous_response_not_found</c> since makes the chain forget it), else the chain's own rule.
    /// </summary>
    public ChainPlan Plan(ConversationChain chain, ResponseCreateRequest template, ChainSite site) =>
        ThroughStore && chain.PlanThroughStore(template, site) is { } stored ? stored : chain.Plan(template, site);

    /// <summary>HTTP mode's wire for this turn, on the session's one HTTP transport (kept for later turns and disposed with the session).</summary>
    public static TurnWire HttpWire(ResponsesClientOptions options, SessionTraffic traffic) =>
        new(traffic.Http ??= new ResponsesHttpTransport(options), ChainSite.NoCache);

    public override string ToString() => $"RequestSizeFallback {{ ThroughStore = {ThroughStore}, OverHttp = {OverHttp} }}";
}
