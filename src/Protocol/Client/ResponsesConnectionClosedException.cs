using System;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Client;

/// <summary>The connection was already closed when a request was about to be sent: nothing was sent, so retrying is safe.</summary>
public sealed class ResponsesConnectionClosedException : ProtocolCoreException
{
    public ResponsesConnectionClosedException(WebSocketCloseStatus? closeStatus, string message)
        : base(message) => CloseStatus = closeStatus;

    /// <summary>Creates the exception with the transport's refusal that showed the connection was closed.</summary>
    public ResponsesConnectionClosedException(WebSocketCloseStatus? closeStatus, string message, Exception? innerException)
        : base(message, innerException) => CloseStatus = closeStatus;

    /// <summary>The close code the server sent, if it sent one.</summary>
    public WebSocketCloseStatus? CloseStatus { get; }
}
