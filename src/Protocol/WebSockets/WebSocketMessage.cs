using System.Buffers;
using System.Diagnostics;

namespace ProtocolCore.WebSockets;

/// <summary>
/// A message or control frame from <see cref="WebSocketMessageAssembler"/>. <see cref="Payload"/> is either the
/// frame's own slice of the receive buffer (unfragmented messages and control frames: valid until the
/// <c>PipeReader</c> is advanced past it) or the assembler's pooled buffer (fragmented messages: valid until the next
/// call to the assembler). Copy what must outlive that.
/// </summary>
[DebuggerDisplay("{Opcode} len={Payload.Length}")]
internal readonly struct WebSocketMessage
{
    /// <summary>Creates a data message or a control frame other than close.</summary>
    /// <param name="opcode">Text, Binary, Ping or Pong.</param>
    /// <param name="payload">The unmasked payload.</param>
    public WebSocketMessage(WebSocketOpcode opcode, ReadOnlySequence<byte> payload)
        : this(opcode, payload, default)
    {
    }

    /// <summary>Creates a message with a close code (for a close frame: the parsed code).</summary>
    /// <param name="opcode">The opcode, <see cref="WebSocketOpcode.Close"/> for a close frame.</param>
    /// <param name="payload">The unmasked payload (for a close: the 2-byte code and the reason).</param>
    /// <param name="closeStatus">The close code.</param>
    public WebSocketMessage(WebSocketOpcode opcode, ReadOnlySequence<byte> payload, WebSocketCloseCode closeStatus)
    {
        Opcode = opcode;
        Payload = payload;
        CloseStatus = closeStatus;
    }

    /// <summary>Text or Binary for a message; Ping, Pong or Close for a control frame.</summary>
    public WebSocketOpcode Opcode { get; }

    /// <summary>The whole payload, unmasked; for a text message, validated UTF-8.</summary>
    public ReadOnlySequence<byte> Payload { get; }

    /// <summary>For a close frame: the peer's code, or <see cref="WebSocketCloseCode.NoStatusReceived"/> if it sent none.</summary>
    public WebSocketCloseCode CloseStatus { get; }

    /// <summary>For a close frame: the validated UTF-8 reason (the payload after the 2-byte code).</summary>
    public ReadOnlySequence<byte> CloseReason => Opcode == WebSocketOpcode.Close && Payload.Length >= 2 ? Payload.Slice(2) : default;

    /// <summary>True for a text message.</summary>
    public bool IsText => Opcode == WebSocketOpcode.Text;

    /// <summary>True for a control frame (close, ping or pong), which may arrive between the fragments of a message.</summary>
    public bool IsControl => WebSocketFrameHeader.IsControlOpcode(Opcode);
}
