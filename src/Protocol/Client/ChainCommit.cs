namespace ProtocolCore.Client;

/// <summary>What a turn's terminal event did to the conversation (<see cref="ConversationChain.Commit"/>).</summary>
internal enum ChainCommit
{
    /// <summary>A successful end: the turn's items joined the conversation and its response is the new anchor.</summary>
    Committed,

    /// <summary><c>response.failed</c> or <c>error</c>: the conversation stays at the last successful turn.</summary>
    Unsuccessful,

    /// <summary>A successful end type without its response: nothing to chain from, so nothing was added.</summary>
    MissingResponse,

    /// <summary>A successful end whose response has no id: nothing to chain from, so nothing was added.</summary>
    MissingResponseId,
}
