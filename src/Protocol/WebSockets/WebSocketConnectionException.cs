using System;

namespace ProtocolCore.WebSockets;

/// <summary>
/// The connection failed for a reason other than a peer's protocol violation: connect or TLS failure, timeouts,
/// a dropped socket. The message is fixed text plus the host, never a credential.
/// </summary>
public sealed class WebSocketConnectionException : ProtocolCoreException
{
    public WebSocketConnectionException(WebSocketConnectionError error, string message)
        : base(message)
    {
        Error = error;
    }

    public WebSocketConnectionException(WebSocketConnectionError error, string message, Exception innerException)
        : base(message, innerException)
    {
        Error = error;
    }

    public WebSocketConnectionError Error { get; }

    /// <summary>The close status this failure reports locally: 1006 for a lost connection, 1015 for TLS, 1001 otherwise.</summary>
    public WebSocketCloseStatus CloseStatus => Error switch
    {
        WebSocketConnectionError.TlsFailed => WebSocketCloseStatus.TlsHandshakeFailure,
        WebSocketConnectionError.ConnectionLost or WebSocketConnectionError.ConnectFailed => WebSocketCloseStatus.AbnormalClosure,
        _ => WebSocketCloseStatus.GoingAway,
    };
}
