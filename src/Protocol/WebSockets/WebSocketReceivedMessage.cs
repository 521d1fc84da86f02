using System;
using System.Diagnostics;

namespace ProtocolCore.WebSockets;

/// <summary>
/// What <see cref="WebSocketConnection.ReceiveAsync"/> returns: a whole text or binary message, or the close that
/// ended the connection. <see cref="Payload"/> lives in a pooled buffer of the connection and is valid until the
/// next call to <see cref="WebSocketConnection.ReceiveAsync"/>; copy what must outlive it. A data message carries
/// its sequence number, so a reader can tell whether it arrived before or after a moment without a counter of its own.
/// </summary>
[DebuggerDisplay("{Opcode} len={Payload.Length}")]
public readonly struct WebSocketReceivedMessage
{
    /// <summary>Creates a data message (sequence number 0).</summary>
    /// <param name="opcode"><see cref="WebSocketOpcode.Text"/> or <see cref="WebSocketOpcode.Binary"/>.</param>
    /// <param name="payload">The whole message; for text, UTF-8.</param>
    public WebSocketReceivedMessage(WebSocketOpcode opcode, ReadOnlyMemory<byte> payload)
        : this(opcode, payload, sequence: 0)
    {
    }

    internal WebSocketReceivedMessage(WebSocketOpcode opcode, ReadOnlyMemory<byte> payload, long sequence)
    {
        Opcode = opcode;
        Payload = payload;
        Sequence = sequence;
        CloseStatus = default;
        CloseReason = null;
    }

    /// <summary>Creates the close that ends a connection's messages.</summary>
    /// <param name="closeStatus">The peer's close code.</param>
    /// <param name="closeReason">The peer's reason, possibly empty.</param>
    public WebSocketReceivedMessage(WebSocketCloseCode closeStatus, string closeReason)
    {
        Opcode = WebSocketOpcode.Close;
        Payload = default;
        CloseStatus = closeStatus;
        CloseReason = closeReason;
    }

    /// <summary>Text, Binary, or Close when the peer closed the connection cleanly (no more messages follow).</summary>
    public WebSocketOpcode Opcode { get; }

    /// <summary>The message; validated UTF-8 for text. Valid until the next receive.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>
    /// For a data message: its number in arrival order, from 1 (the n-th data message the connection received is
    /// number n, whether or not it was read yet; <see cref="WebSocketConnection.ReceivedMessageCount"/> is the latest
    /// number handed out). 0 for a close.
    /// </summary>
    internal long Sequence { get; }

    /// <summary>True for a text message (the Responses API sends only text: one JSON event per message).</summary>
    public bool IsText => Opcode == WebSocketOpcode.Text;

    /// <summary>True when the peer closed the connection cleanly; no message follows.</summary>
    public bool IsClose => Opcode == WebSocketOpcode.Close;

    /// <summary>For a close: the peer's code (<see cref="WebSocketCloseCode.NoStatusReceived"/> when it sent none).</summary>
    public WebSocketCloseCode CloseStatus { get; }

    /// <summary>For a close: the peer's reason (possibly empty).</summary>
    public string? CloseReason { get; }
}
