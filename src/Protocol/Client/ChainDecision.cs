namespace ProtocolCore.Client;

/// <summary>Whether a request chains from the last response or carries the whole conversation, and why.</summary>
internal enum ChainDecision
{
    /// <summary><c>previous_response_id</c> and only the new items: the anchor's state is where the request goes.</summary>
    Continue,

    /// <summary>Full context: there is no response to chain from (the first turn, or after <c>previous_response_not_found</c>).</summary>
    FullNoAnchor,

    /// <summary>
    /// <c>previous_response_id</c> and only the new items although the fields changed or the anchor's slot is out of
    /// reach: the full context was over <see cref="ResponsesClientOptions.MaxRequestMessageBytes"/>, and the anchor is in
    /// the server's store, which continues from it whatever the new request's own fields.
    /// </summary>
    ContinueThroughStore,

    /// <summary>Full context: a field a continuation must repeat (model, instructions, tools...) changed since the anchor.</summary>
    FullFieldsChanged,

    /// <summary>Full context: the anchor's state is neither in a cache slot of the socket the request goes to nor in the server's store.</summary>
    FullNotReachable,
}
