namespace ProtocolCore.Emulator;

/// <summary>How a response ended, which decides what happens to the cache.</summary>
internal enum RunOutcome
{
    /// <summary>Completed, or incomplete: the response replaces the cache slot.</summary>
    Succeeded,

    /// <summary><c>response.failed</c> or an error event: the referenced previous response is evicted.</summary>
    Failed,

    /// <summary>A steer was accepted: it ended <c>incomplete</c> (<c>steered</c>) and a successor response follows.</summary>
    Steered,

    /// <summary>The connection was dropped on purpose (abrupt-close fault).</summary>
    Aborted,
}
