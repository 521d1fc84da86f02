using System;

namespace ProtocolCore.WebSockets;

/// <summary>
/// The peer broke RFC 6455. Carries the close code to send and a fixed reason; the message never includes received
/// bytes, headers or credentials.
/// </summary>
public sealed class WebSocketProtocolException : ProtocolCoreException
{
    /// <summary>Creates the exception for a violation found by the frame parser or message assembler.</summary>
    /// <param name="error">The violation; it fixes the close code and the reason.</param>
    public WebSocketProtocolException(WebSocketProtocolError error)
        : base(WebSocketProtocolErrors.GetReason(error))
    {
        Error = error;
        CloseStatus = WebSocketProtocolErrors.GetCloseStatus(error);
    }

    /// <summary>Creates the exception from a close code and a reason (<see cref="Error"/> is <see cref="WebSocketProtocolError.None"/>).</summary>
    /// <param name="closeStatus">The close code to send.</param>
    /// <param name="reason">The close reason: fixed text, at most 123 UTF-8 bytes, no received data.</param>
    public WebSocketProtocolException(WebSocketCloseCode closeStatus, string reason)
        : base(reason)
    {
        CloseStatus = closeStatus;
    }

    /// <summary>Creates the exception from a close code, a reason and the error that revealed the violation.</summary>
    /// <param name="closeStatus">The close code to send.</param>
    /// <param name="reason">The close reason: fixed text, at most 123 UTF-8 bytes, no received data.</param>
    /// <param name="innerException">The error behind it, e.g. a decompression failure.</param>
    public WebSocketProtocolException(WebSocketCloseCode closeStatus, string reason, Exception innerException)
        : base(reason, innerException)
    {
        CloseStatus = closeStatus;
    }

    /// <summary>The specific violation, or <see cref="WebSocketProtocolError.None"/> when built from a code and reason.</summary>
    public WebSocketProtocolError Error { get; }

    /// <summary>The close code to send to the peer.</summary>
    public WebSocketCloseCode CloseStatus { get; }

    /// <summary>The reason to send with the close frame (the exception message).</summary>
    public string Reason => Message;
}
