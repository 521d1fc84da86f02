namespace ProtocolCore.Emulator;

/// <summary>Where the context of a <c>response.create</c> came from, which decides its cost and its cached tokens.</summary>
internal enum ContextSource
{
    /// <summary>No <c>previous_response_id</c>: the request carries the whole context.</summary>
    NewChain,

    /// <summary>The connection-local single-slot cache (the fast path).</summary>
    ConnectionCache,

    /// <summary>The persisted store (<c>store=true</c>, slower).</summary>
    PersistedStore,
}
