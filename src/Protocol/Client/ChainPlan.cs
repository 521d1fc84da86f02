namespace ProtocolCore.Client;

/// <summary>
/// The chain state's decision for one request (<see cref="ConversationChain.Plan"/>), and what a success records: the
/// site it went to, whether it is stored, and the fingerprint of the fields a continuation must repeat. A value: a turn
/// makes one per attempt, and it lives only as long as the attempt.
/// </summary>
internal readonly record struct ChainPlan(ChainDecision Decision, string? PreviousResponseId, ChainSite Site, bool Stored, byte[] Fingerprint)
{
    /// <summary>True when the request carries the whole conversation rather than chaining.</summary>
    public bool FullContext => PreviousResponseId is null;
}
