namespace ProtocolCore.Scale.Client;

/// <summary>The event types the anchor acts on.</summary>
internal enum AnchorEventKind
{
    Other,
    Delta,
    Completed,

    /// <summary><c>response.failed</c>, <c>response.incomplete</c> or <c>error</c>: the turn ends without a response to chain from.</summary>
    Failed,
}
