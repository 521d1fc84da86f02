namespace ProtocolCore.Client;

/// <summary>Whether a request chains from the last response or carries the whole conversation, and why.</summary>
internal enum ChainDecision
{
    /// <summary><c>previous_response_id</c> and only the new items: the anchor's state is where the request goes.</summary>
    Continue,

    /// <summary>Full context: there is no response to chain from (the first turn, or after <c>previous_response_not_found</c>).</summary>
    FullNoAnchor,

    /// <summary>Full context: a field a continuation must repeat (model, instructions, tools...) changed since the anchor.</summary>
    FullFieldsChanged,

    /// <summary>Full context: the anchor's state is neither in a cache slot of the socket the request goes to nor in the server's store.</summary>
    FullNotReachable,
}
