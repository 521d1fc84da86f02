using System.Diagnostics;

namespace ProtocolCore.WebSockets;

/// <summary>
/// A decoded RFC 6455 frame header (§5.2):
/// <code>
///  byte 0: FIN RSV1 RSV2 RSV3 opcode(4)
///  byte 1: MASK len7(7)      len7 0–125 is the length; 126: a 16-bit length follows; 127: a 64-bit length follows
///  then:   extended length (0, 2 or 8 bytes, big-endian), mask key (0 or 4 bytes)
/// </code>
/// e.g. <c>81 05 48 65 6C 6C 6F</c> is an unmasked final text frame "Hello" (header length 2), and
/// <c>82 7E 01 00 ...</c> a 256-byte binary frame (header length 4).
/// </summary>
[DebuggerDisplay("{Opcode} fin={Fin} len={PayloadLength} masked={Masked}")]
internal readonly struct WebSocketFrameHeader
{
    /// <summary>The longest header: 2 fixed bytes, an 8-byte length and a 4-byte mask key.</summary>
    public const int MaxHeaderLength = 14;

    /// <summary>The longest payload a control frame may carry (RFC 6455 §5.5).</summary>
    public const int MaxControlPayloadLength = 125;

    /// <summary>Creates a header from its decoded fields (the reader builds these; tests and writers may too).</summary>
    /// <param name="fin">The FIN bit.</param>
    /// <param name="rsv1">The RSV1 bit.</param>
    /// <param name="rsv2">The RSV2 bit.</param>
    /// <param name="rsv3">The RSV3 bit.</param>
    /// <param name="opcode">The 4-bit opcode.</param>
    /// <param name="masked">The MASK bit.</param>
    /// <param name="maskKey">The 4 mask key bytes as they appear on the wire, read as a little-endian <see cref="uint"/> (0 when unmasked).</param>
    /// <param name="payloadLength">The payload length in bytes.</param>
    /// <param name="headerLength">The header's length on the wire in bytes: 2 to <see cref="MaxHeaderLength"/>.</param>
    public WebSocketFrameHeader(
        bool fin,
        bool rsv1,
        bool rsv2,
        bool rsv3,
        WebSocketOpcode opcode,
        bool masked,
        uint maskKey,
        long payloadLength,
        int headerLength)
    {
        Fin = fin;
        Rsv1 = rsv1;
        Rsv2 = rsv2;
        Rsv3 = rsv3;
        Opcode = opcode;
        Masked = masked;
        MaskKey = maskKey;
        PayloadLength = payloadLength;
        HeaderLength = headerLength;
    }

    /// <summary>The final fragment of a message (always set on control frames).</summary>
    public bool Fin { get; }

    /// <summary>RSV1: "per-message compressed" when permessage-deflate is negotiated.</summary>
    public bool Rsv1 { get; }

    /// <summary>RSV2: no extension we negotiate defines it, so a set bit fails the connection.</summary>
    public bool Rsv2 { get; }

    /// <summary>RSV3: no extension we negotiate defines it, so a set bit fails the connection.</summary>
    public bool Rsv3 { get; }

    /// <summary>The frame type; reserved opcodes never get this far (the reader rejects them).</summary>
    public WebSocketOpcode Opcode { get; }

    /// <summary>The MASK bit: set on every client-to-server frame and never on a server-to-client one; the reader fails a frame masked the wrong way for its side.</summary>
    public bool Masked { get; }

    /// <summary>
    /// The four mask bytes as they appear on the wire, read little-endian: wire byte <c>i</c> is bits <c>8*i</c> to
    /// <c>8*i+7</c>. That is the layout <see cref="WebSocketMasking.Mask"/> expects. Zero when not masked.
    /// </summary>
    public uint MaskKey { get; }

    /// <summary>Payload bytes that follow the header.</summary>
    public long PayloadLength { get; }

    /// <summary>Bytes of header on the wire: 2 to <see cref="MaxHeaderLength"/>.</summary>
    public int HeaderLength { get; }

    /// <summary>Header plus payload.</summary>
    public long FrameLength => HeaderLength + PayloadLength;

    /// <summary>Ping, pong or close (opcodes 0x8–0xF).</summary>
    public bool IsControl => IsControlOpcode(Opcode);

    internal static bool IsControlOpcode(WebSocketOpcode opcode) => ((byte)opcode & 0x8) != 0;
}
