namespace ProtocolCore.Faults;

/// <summary>Where the fault server breaks a connection: one point of a request's life, or of the next upgrade.</summary>
public enum FaultPoint
{
    /// <summary>The response runs to its end.</summary>
    None,

    /// <summary>The request was read; the connection is cut before any event.</summary>
    Request,

    /// <summary>Cut right after <c>response.created</c>.</summary>
    Created,

    /// <summary>Cut at a message boundary inside the stream.</summary>
    MidStream,

    /// <summary>Cut inside a frame (its header or its payload).</summary>
    MidFrame,

    /// <summary>Cut right after the terminal event.</summary>
    Terminal,

    /// <summary>The response completes; the idle connection is cut a moment later.</summary>
    Idle,

    /// <summary>The request was read; nothing more is sent and the socket stays open (the client's first-event timeout).</summary>
    StallFirst,

    /// <summary>Part of the stream is sent, then silence with the socket open (the client's idle timeout).</summary>
    StallMid,

    /// <summary>The connection forgets its cached response, so a chained request is answered <c>previous_response_not_found</c>.</summary>
    Evict,

    /// <summary>An <c>error</c> event after <c>response.created</c>: the response started and failed.</summary>
    ServerError,

    /// <summary>An upgrade cut after its request line, before the rest of the headers were read.</summary>
    UpgradeRequest,

    /// <summary>An upgrade cut in the middle of the 101 response.</summary>
    UpgradeResponse,

    /// <summary>An upgrade read in full and never answered (the client's connect timeout).</summary>
    UpgradeStall,
}
