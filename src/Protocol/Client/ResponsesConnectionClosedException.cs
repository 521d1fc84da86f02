using System;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Client;

/// <summary>
/// The connection is closed. Thrown by a send, it means the connection was already closed when the request was about to
/// go out: nothing was sent, so retrying is safe (a session does it by itself). As the
/// <see cref="Exception.InnerException"/> of a <see cref="ResponseInterruptedException"/> it only says why a response
/// already in flight was cut off (the server's close, with its code); that request was sent and is not replayed.
/// </summary>
public sealed class ResponsesConnectionClosedException : ProtocolCoreException
{
    /// <summary>Creates the exception for a connection found closed.</summary>
    /// <param name="closeStatus">The close code the server sent, or null when it sent none (or the socket just dropped).</param>
    /// <param name="message">Says what was closed; must not contain secrets.</param>
    public ResponsesConnectionClosedException(WebSocketCloseCode? closeStatus, string message)
        : base(message) => CloseStatus = closeStatus;

    /// <summary>Creates the exception with the transport's refusal that showed the connection was closed.</summary>
    public ResponsesConnectionClosedException(WebSocketCloseCode? closeStatus, string message, Exception? innerException)
        : base(message, innerException) => CloseStatus = closeStatus;

    /// <summary>The close code the server sent, if it sent one.</summary>
    public WebSocketCloseCode? CloseStatus { get; }
}
