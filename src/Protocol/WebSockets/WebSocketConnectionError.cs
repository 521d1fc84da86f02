namespace ProtocolCore.WebSockets;

/// <summary>Why a connection failed below the WebSocket protocol (the peer's protocol errors are <see cref="WebSocketProtocolException"/>).</summary>
public enum WebSocketConnectionError : byte
{
    /// <summary>The TCP connection (or the proxy tunnel) could not be opened in time.</summary>
    ConnectFailed,

    /// <summary>The TLS handshake failed, e.g. the certificate was not trusted.</summary>
    TlsFailed,

    /// <summary>The TLS handshake or HTTP upgrade did not finish within the handshake timeout.</summary>
    HandshakeTimeout,

    /// <summary>The connection dropped without a close frame (reported as 1006).</summary>
    ConnectionLost,

    /// <summary>No pong came back within the keep-alive timeout.</summary>
    KeepAliveTimeout,

    /// <summary>The close handshake did not finish within the close timeout.</summary>
    CloseTimeout,

    /// <summary>The connection was aborted locally (disposed while in use).</summary>
    Aborted,

    /// <summary>
    /// A send was refused because the connection was already closing, closed or failed: nothing of that message was
    /// written, so sending it again on another connection cannot duplicate it.
    /// </summary>
    Closed,
}
