namespace ProtocolCore.Tests.Secrets;

/// <summary>Where <see cref="KeyEchoingServer"/> echoes the credential it was sent. HTTP POSTs get a 401 that echoes it (but see <see cref="SseErrorEvent"/>).</summary>
public enum KeyEcho
{
    /// <summary>Accepts the upgrade and answers the first request with an <c>error</c> event naming the key.</summary>
    ErrorEvent,

    /// <summary>Refuses the upgrade with 401: the key in the reason phrase, a <c>WWW-Authenticate</c> header and the body.</summary>
    RefusedUpgrade,

    /// <summary>Refuses the upgrade with 426 (no key), so a client falls back to HTTP and meets the echoing 401 there.</summary>
    UpgradeRequired,

    /// <summary>Accepts the upgrade and closes it on the first request with 1008 and a reason naming the key.</summary>
    CloseReason,

    /// <summary>Answers a POST with 200 and an event stream whose (flat, SSE-form) <c>error</c> event names the key; refuses upgrades with 426.</summary>
    SseErrorEvent,
}
