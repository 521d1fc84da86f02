using System;

namespace ProtocolCore.WebSockets;

/// <summary>
/// The connection failed for a reason other than a peer's protocol violation: connect or TLS failure, timeouts,
/// a dropped socket. The message is fixed text plus the host, never a credential.
/// </summary>
public sealed class WebSocketConnectionException : ProtocolCoreException
{
    /// <summary>Creates the exception for a failure of kind <paramref name="error"/>.</summary>
    /// <param name="error">What failed.</param>
    /// <param name="message">Fixed text, optionally with the host; never a credential.</param>
    public WebSocketConnectionException(WebSocketConnectionError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>Creates the exception for a failure of kind <paramref name="error"/> caused by <paramref name="innerException"/>.</summary>
    /// <param name="error">What failed.</param>
    /// <param name="message">Fixed text, optionally with the host; never a credential.</param>
    /// <param name="innerException">The socket, TLS or I/O error behind it.</param>
    public WebSocketConnectionException(WebSocketConnectionError error, string message, Exception innerException)
        : base(message, innerException)
    {
        Error = error;
    }

    /// <summary>What failed: connect, TLS, a timeout, a dropped socket, an abort, or a send on a closed connection.</summary>
    public WebSocketConnectionError Error { get; }

    /// <summary>The close status this failure reports locally: 1006 for a lost connection, 1015 for TLS, 1001 otherwise.</summary>
    public WebSocketCloseCode CloseStatus => Error switch
    {
        WebSocketConnectionError.TlsFailed => WebSocketCloseCode.TlsHandshakeFailure,
        WebSocketConnectionError.ConnectionLost or WebSocketConnectionError.ConnectFailed => WebSocketCloseCode.AbnormalClosure,
        _ => WebSocketCloseCode.GoingAway,
    };
}
