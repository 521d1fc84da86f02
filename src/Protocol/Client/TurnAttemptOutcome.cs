namespace ProtocolCore.Client;

/// <summary>
/// How one attempt of a turn ended. Every outcome but <see cref="Finished"/> is a request the server did not start,
/// so sending it again is not a replay; the session decides, within its budget, whether it does.
/// </summary>
internal enum TurnAttemptOutcome
{
    /// <summary>The attempt reached its terminal event (or failed in a way no retry fixes): the turn is over.</summary>
    Finished,

    /// <summary>The connection was closed before the request went out: send it on a fresh connection.</summary>
    ClosedBeforeSend,

    /// <summary>A chained request's previous response is gone (the chain forgot it): send it with the full context.</summary>
    PreviousResponseNotFound,

    /// <summary>The request was over the message size limit and never written: send it smaller (through the store) or over HTTP.</summary>
    RequestTooLarge,

    /// <summary><c>websocket_connection_limit_reached</c> before the response started: back off, send it on another connection.</summary>
    ConnectionLimitReached,
}
