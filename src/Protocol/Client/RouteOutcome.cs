namespace ProtocolCore.Client;

/// <summary>Where <see cref="ReadTurnRouter.Route(Events.ResponsesEvent, long, PendingResponse, bool, out System.Threading.Tasks.ValueTask)"/> sent an event.</summary>
internal enum RouteOutcome
{
    /// <summary>The reading reader's own event: it returns it, and the read turn has passed on.</summary>
    Own,

    /// <summary>Buffered for another lane's response (its reader was woken if it waited).</summary>
    Buffered,

    /// <summary>
    /// Nobody's: no response in flight on its lane, or only one armed after the message arrived. A connection-level
    /// <c>error</c> is dropped too, after it ended the lanes in flight when it arrived.
    /// </summary>
    Dropped,

    /// <summary>The target's buffer is full: await the space wait, then route the same event again.</summary>
    Full,

    /// <summary>
    /// Another lane's event, read as a view by a reader of the view path: nothing was routed; route an owned copy of
    /// the same message instead (a buffered event outlives the reader's next read).
    /// </summary>
    NeedsOwnedCopy,
}
