namespace ProtocolCore.WebSockets;

/// <summary>
/// Close codes of RFC 6455 §7.4.1 and the IANA registry that this client sends or interprets. Codes 1005, 1006 and
/// 1015 are never sent on the wire: they only report what happened locally.
/// </summary>
/// <remarks>
/// The values are those of <see cref="System.Net.WebSockets.WebSocketCloseStatus"/> where both define one; the name
/// differs so a file can import both namespaces without an ambiguity.
/// </remarks>
public enum WebSocketCloseCode : ushort
{
    /// <summary>1000: the purpose of the connection is fulfilled; what <see cref="WebSocketConnection.CloseAsync"/> sends by default.</summary>
    NormalClosure = 1000,

    /// <summary>1001: the endpoint is going away (server shutdown, client navigating away); a reconnect may succeed.</summary>
    GoingAway = 1001,

    /// <summary>1002: the peer broke RFC 6455 (a bad frame, a bad close code).</summary>
    ProtocolError = 1002,

    /// <summary>1003: a message of a type the endpoint cannot accept (the Responses API sends text only).</summary>
    UnsupportedData = 1003,

    /// <summary>The peer's close frame carried no code (reported locally, never sent).</summary>
    NoStatusReceived = 1005,

    /// <summary>The connection dropped without a close frame (reported locally, never sent).</summary>
    AbnormalClosure = 1006,

    /// <summary>1007: a text message or close reason that is not valid UTF-8, or a payload that fails to decompress.</summary>
    InvalidPayloadData = 1007,

    /// <summary>1008: the message broke the endpoint's policy (a generic refusal code).</summary>
    PolicyViolation = 1008,

    /// <summary>1009: a frame or message longer than the endpoint accepts (see <see cref="WebSocketClientOptions.MaxMessageLength"/>).</summary>
    MessageTooBig = 1009,

    /// <summary>1010: the client wanted an extension the server did not negotiate.</summary>
    MandatoryExtension = 1010,

    /// <summary>1011: the server hit an unexpected condition; a reconnect may succeed.</summary>
    InternalError = 1011,

    /// <summary>1012: the server is restarting; reconnect after a short delay.</summary>
    ServiceRestart = 1012,

    /// <summary>1013: the server is overloaded; reconnect later.</summary>
    TryAgainLater = 1013,

    /// <summary>The TLS handshake failed (reported locally, never sent).</summary>
    TlsHandshakeFailure = 1015,
}
