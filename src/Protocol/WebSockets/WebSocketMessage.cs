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
public readonly struct WebSocketMessage
{
    public WebSocketMessage(WebSocketOpcode opcode, ReadOnlySequence<byte> payload)
        : this(opcode, payload, default)
    {
    }

    public WebSocketMessage(WebSocketOpcode opcode, ReadOnlySequence<byte> payload, WebSocketCloseStatus closeStatus)
    {
        Opcode = opcode;
        Payload = payload;
        CloseStatus = closeStatus;
    }

    /// <summary>Text or Binary for a message; Ping, Pong or Close for a control frame.</summary>
    public WebSocketOpcode Opcode { get; }

    /// <summary>The whole payload, unmasked; for a text message, validated UTF-8.</summary>
    public ReadOnlySequence<byte> Payload { get; }

    /// <summary>For a close frame: the peer's code, or <see cref="WebSocketCloseStatus.NoStatusReceived"/> if it sent none.</summary>
    public WebSocketCloseStatus CloseStatus { get; }

    /// <summary>For a close frame: the validated UTF-8 reason (the payload after the 2-byte code).</summary>
    public ReadOnlySequence<byte> CloseReason => Opcode == WebSocketOpcode.Close && Payload.Length >= 2 ? Payload.Slice(2) : default;

    public bool IsText => Opcode == WebSocketOpcode.Text;

    public bool IsControl => WebSocketFrameHeader.IsControlOpcode(Opcode);
}
