namespace ProtocolCore.Client;

/// <summary>The connection's read turn: whether a reader reads the socket, and whether it can go on reading.</summary>
internal enum ReadTurnState
{
    /// <summary>Nobody reads: the next reader to find its buffer empty takes the turn.</summary>
    Free,

    /// <summary>A reader (in <see cref="ReaderState.Reading"/>) reads the socket and routes.</summary>
    Held,

    /// <summary>
    /// The reader holding the turn waits for room in another response's full buffer (that lane's caller is this far
    /// behind); a dequeue there, that response's end or detachment, or the reader's cancellation resumes it.
    /// </summary>
    WaitingForSpace,
}
