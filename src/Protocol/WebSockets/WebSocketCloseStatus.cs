namespace ProtocolCore.WebSockets;

/// <summary>
/// Close codes of RFC 6455 §7.4.1 and the IANA registry that this client sends or interprets. Codes 1005, 1006 and
/// 1015 are never sent on the wire: they only report what happened locally.
/// </summary>
public enum WebSocketCloseStatus : ushort
{
    NormalClosure = 1000,

    GoingAway = 1001,

    ProtocolError = 1002,

    UnsupportedData = 1003,

    /// <summary>The peer's close frame carried no code (reported locally, never sent).</summary>
    NoStatusReceived = 1005,

    /// <summary>The connection dropped without a close frame (reported locally, never sent).</summary>
    AbnormalClosure = 1006,

    InvalidPayloadData = 1007,

    PolicyViolation = 1008,

    MessageTooBig = 1009,

    MandatoryExtension = 1010,

    InternalError = 1011,

    ServiceRestart = 1012,

    TryAgainLater = 1013,

    /// <summary>The TLS handshake failed (reported locally, never sent).</summary>
    TlsHandshakeFailure = 1015,
}
