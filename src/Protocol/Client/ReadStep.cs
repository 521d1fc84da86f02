namespace ProtocolCore.Client;

/// <summary>What a reader asking <see cref="ReadTurnRouter.Next"/> for its next event does now.</summary>
internal enum ReadStep
{
    /// <summary>An event was buffered for it: here it is.</summary>
    Event,

    /// <summary>Its response ended early and nothing is left buffered: <see cref="PendingResponse.Fault"/> says why.</summary>
    Ended,

    /// <summary>Its cancellation was requested (the turn, if it held it, has passed on).</summary>
    Cancelled,

    /// <summary>It holds the read turn: read the socket and route until one of its own events arrives.</summary>
    Read,

    /// <summary>Another reader holds the turn: await the wake (an event, the end, cancellation or the turn), then ask again.</summary>
    Wait,
}
