namespace ProtocolCore.WebSockets;

/// <summary>What <see cref="WebSocketConnectionCore.Receive"/> found in the received bytes.</summary>
internal enum WebSocketConnectionEvent : byte
{
    /// <summary>No whole message or control frame is left: read more bytes (keep those from <c>consumed</c> on).</summary>
    NeedMoreData,

    /// <summary>A whole text or binary message; the payload is valid until the bytes before <c>consumed</c> are released.</summary>
    Message,

    /// <summary>A ping arrived; its pong waits in the core until a sender writes it (<see cref="WebSocketConnectionCore.HasPendingPongs"/>).</summary>
    PingReceived,

    /// <summary>
    /// A ping arrived while <see cref="WebSocketPongQueue.Capacity"/> pongs were still waiting: it was not consumed.
    /// Write the waiting pongs out, then call again. A ping flood slows reading down instead of growing memory.
    /// </summary>
    PongsBacklogged,

    /// <summary>A pong arrived; the keep-alive watchdog has noted it.</summary>
    PongReceived,

    /// <summary>
    /// The peer's close frame (in the message, with its code and reason); nothing after it is read. Its echo is owed:
    /// <see cref="WebSocketConnectionCore.TryWriteCloseReply"/>.
    /// </summary>
    CloseReceived,

    /// <summary>
    /// The peer broke the protocol (<see cref="WebSocketConnectionCore.Error"/> says how); nothing more is read. A close
    /// with the error's code is owed: <see cref="WebSocketConnectionCore.TryWriteCloseReply"/>.
    /// </summary>
    ProtocolError,
}
