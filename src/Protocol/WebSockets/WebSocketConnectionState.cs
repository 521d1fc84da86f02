namespace ProtocolCore.WebSockets;

/// <summary>Where a connection is in the closing handshake (RFC 6455 §7), as <see cref="WebSocketConnectionCore"/> tracks it.</summary>
internal enum WebSocketConnectionState : byte
{
    /// <summary>Neither side has sent a close frame: messages flow both ways.</summary>
    Open,

    /// <summary>Our close frame is written: nothing more may be sent; the peer's messages and its close may still come.</summary>
    CloseSent,

    /// <summary>The peer's close frame arrived: nothing more is read; we owe it the echo.</summary>
    CloseReceived,

    /// <summary>Both close frames have been exchanged.</summary>
    Closed,

    /// <summary>The peer broke the protocol: nothing more is read; we owe it a close with the error's code.</summary>
    Failed,
}
