using System;

namespace ProtocolCore.WebSockets;

/// <summary>
/// The peer broke RFC 6455. Carries the close code to send and a fixed reason; the message never includes received
/// bytes, headers or credentials.
/// </summary>
public sealed class WebSocketProtocolException : ProtocolCoreException
{
    public WebSocketProtocolException(WebSocketProtocolError error)
        : base(WebSocketProtocolErrors.GetReason(error))
    {
        Error = error;
        CloseStatus = WebSocketProtocolErrors.GetCloseStatus(error);
    }

    public WebSocketProtocolException(WebSocketCloseStatus closeStatus, string reason)
        : base(reason)
    {
        CloseStatus = closeStatus;
    }

    public WebSocketProtocolException(WebSocketCloseStatus closeStatus, string reason, Exception innerException)
        : base(reason, innerException)
    {
        CloseStatus = closeStatus;
    }

    /// <summary>The specific violation, or <see cref="WebSocketProtocolError.None"/> when built from a code and reason.</summary>
    public WebSocketProtocolError Error { get; }

    /// <summary>The close code to send to the peer.</summary>
    public WebSocketCloseStatus CloseStatus { get; }

    /// <summary>The reason to send with the close frame (the exception message).</summary>
    public string Reason => Message;
}
