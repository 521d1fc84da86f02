namespace ProtocolCore.Client;

/// <summary>Where the reader of a <see cref="PendingResponse"/> is, as far as <see cref="ReadTurnRouter"/> is concerned.</summary>
internal enum ReaderState
{
    /// <summary>Not waiting: its caller handles an event, or has not asked for the next one yet. Nothing to wake.</summary>
    Busy,

    /// <summary>
    /// Waits for an event, the response's end, cancellation, or the read turn; listed among the router's waiters.
    /// Only while its buffer is empty: an event routed to it wakes it.
    /// </summary>
    Waiting,

    /// <summary>Holds the read turn: reads the socket and routes every lane's events until one of its own arrives.</summary>
    Reading,
}
