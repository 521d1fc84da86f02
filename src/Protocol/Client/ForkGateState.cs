namespace ProtocolCore.Client;

/// <summary>Where a <see cref="ForkGate"/> is: whether the fork may still chain from its parent, and whether it is sending.</summary>
internal enum ForkGateState
{
    /// <summary>The fork has not sent (or its request was read): the parent's lane has not moved on since the fork.</summary>
    Pending,

    /// <summary>The fork sent a request chained from the parent and waits for its <c>response.in_progress</c>: the parent's lane waits.</summary>
    Claimed,

    /// <summary>The parent's lane moved on first: the parent may be gone, so the fork sends the full context.</summary>
    Superseded,

    /// <summary>The fork has a response of its own (or was disposed): the gate is done.</summary>
    Retired,
}
