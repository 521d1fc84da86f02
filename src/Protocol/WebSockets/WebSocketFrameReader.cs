using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace ProtocolCore.WebSockets;

/// <summary>
/// Reads one RFC 6455 frame from the start of a <see cref="ReadOnlySequence{T}"/>. Pure: it never reads, advances
/// or copies payloads; it reports positions for the single owner of the <c>PipeReader</c> to pass to
/// <c>AdvanceTo(consumed, examined)</c> (Bedrock's <c>IMessageReader</c> contract).
/// </summary>
/// <remarks>
/// Validates what ManagedWebSocket validates per frame: reserved opcodes, RSV bits (RSV1 only with
/// permessage-deflate and only on a message's first frame), control frames (FIN set, payload ≤ 125), the 64-bit
/// length MSB and the masking direction, plus a maximum frame size checked before the payload is buffered.
/// Sequencing across frames (continuations, UTF-8) belongs to <see cref="WebSocketMessageAssembler"/>.
/// </remarks>
internal static class WebSocketFrameReader
{
    private const byte FinBit = 0x80;
    private const byte Rsv1Bit = 0x40;
    private const byte Rsv2Bit = 0x20;
    private const byte Rsv3Bit = 0x10;
    private const byte OpcodeMask = 0x0F;
    private const byte MaskBit = 0x80;
    private const byte Length7Mask = 0x7F;
    private const int Length16Marker = 126;
    private const int Length64Marker = 127;
    private const int MaskKeyLength = 4;

    /// <summary>
    /// Tries to read the frame at the start of <paramref name="buffer"/>.
    /// </summary>
    /// <param name="buffer">Received bytes; the frame starts at its first byte.</param>
    /// <param name="options">Role, negotiated extensions and limits.</param>
    /// <param name="frame">
    /// On <see cref="FrameParseStatus.Complete"/>, the header and the payload slice. On
    /// <see cref="FrameParseStatus.Incomplete"/>, either default (the header itself is incomplete) or the complete
    /// header with the part of the payload received so far: enough to size the next read or validate early.
    /// </param>
    /// <param name="consumed">The end of the frame when complete; otherwise the start of the buffer.</param>
    /// <param name="examined">The end of the frame when complete; otherwise the end of the buffer.</param>
    /// <param name="error">Why the frame was rejected when the status is <see cref="FrameParseStatus.Error"/>.</param>
    public static FrameParseStatus TryReadFrame(
        in ReadOnlySequence<byte> buffer,
        WebSocketFrameReaderOptions options,
        out WebSocketFrame frame,
        out SequencePosition consumed,
        out SequencePosition examined,
        out WebSocketProtocolError error)
    {
        ArgumentNullException.ThrowIfNull(options);

        frame = default;
        consumed = buffer.Start;
        examined = buffer.End;

        // Fast path: the whole header sits in the first segment, which is almost always true with 4 KiB+ segments.
        FrameParseStatus status = TryParseHeader(buffer.FirstSpan, options, out WebSocketFrameHeader header, out error);
        if (status == FrameParseStatus.Incomplete && buffer.Length > buffer.FirstSpan.Length)
        {
            status = TryParseSplitHeader(buffer, options, out header, out error);
        }

        if (status != FrameParseStatus.Complete)
        {
            if (status == FrameParseStatus.Error)
            {
                examined = consumed;
            }

            return status;
        }

        long available = buffer.Length - header.HeaderLength;
        if (available < header.PayloadLength)
        {
            frame = new WebSocketFrame(header, buffer.Slice(header.HeaderLength));
            return FrameParseStatus.Incomplete;
        }

        ReadOnlySequence<byte> payload = buffer.Slice(header.HeaderLength, header.PayloadLength);
        frame = new WebSocketFrame(header, payload);
        consumed = payload.End;
        examined = payload.End;
        return FrameParseStatus.Complete;
    }

    /// <summary>The header straddles segments: flatten at most 14 bytes onto the stack and parse those.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static FrameParseStatus TryParseSplitHeader(
        in ReadOnlySequence<byte> buffer,
        WebSocketFrameReaderOptions options,
        out WebSocketFrameHeader header,
        out WebSocketProtocolError error)
    {
        Span<byte> scratch = stackalloc byte[WebSocketFrameHeader.MaxHeaderLength];
        int length = (int)Math.Min(buffer.Length, WebSocketFrameHeader.MaxHeaderLength);
        buffer.Slice(0, length).CopyTo(scratch);
        return TryParseHeader(scratch[..length], options, out header, out error);
    }

    /// <summary>
    /// Parses and validates a header from <paramref name="bytes"/>. Each check uses only bytes already present, so a
    /// bad frame fails as soon as its offending byte arrives and a short span gives the same verdict as a long one.
    /// </summary>
    internal static FrameParseStatus TryParseHeader(
        ReadOnlySpan<byte> bytes,
        WebSocketFrameReaderOptions options,
        out WebSocketFrameHeader header,
        out WebSocketProtocolError error)
    {
        header = default;
        error = WebSocketProtocolError.None;
        if (bytes.Length < 2)
        {
            return FrameParseStatus.Incomplete;
        }

        byte b0 = bytes[0];
        byte b1 = bytes[1];
        var opcode = (WebSocketOpcode)(b0 & OpcodeMask);
        bool fin = (b0 & FinBit) != 0;
        bool rsv1 = (b0 & Rsv1Bit) != 0;
        bool masked = (b1 & MaskBit) != 0;
        int length7 = b1 & Length7Mask;
        bool isControl = WebSocketFrameHeader.IsControlOpcode(opcode);

        if (opcode is not (WebSocketOpcode.Continuation or WebSocketOpcode.Text or WebSocketOpcode.Binary
            or WebSocketOpcode.Close or WebSocketOpcode.Ping or WebSocketOpcode.Pong))
        {
            return Fail(WebSocketProtocolError.UnknownOpcode, out error);
        }

        if ((b0 & (Rsv2Bit | Rsv3Bit)) != 0 || (rsv1 && !options.PerMessageDeflate))
        {
            return Fail(WebSocketProtocolError.ReservedBitsSet, out error);
        }

        if (rsv1 && (isControl || opcode == WebSocketOpcode.Continuation))
        {
            return Fail(WebSocketProtocolError.CompressedBitOnNonFirstFrame, out error);
        }

        if (isControl)
        {
            if (!fin)
            {
                return Fail(WebSocketProtocolError.FragmentedControlFrame, out error);
            }

            if (length7 > WebSocketFrameHeader.MaxControlPayloadLength)
            {
                return Fail(WebSocketProtocolError.ControlFrameTooLong, out error);
            }
        }

        if (masked != options.IsServer)
        {
            return Fail(masked ? WebSocketProtocolError.MaskedFrameFromServer : WebSocketProtocolError.UnmaskedFrameFromClient, out error);
        }

        int extendedLengthBytes = length7 switch
        {
            Length16Marker => 2,
            Length64Marker => 8,
            _ => 0,
        };

        if (bytes.Length < 2 + extendedLengthBytes)
        {
            return FrameParseStatus.Incomplete;
        }

        long payloadLength;
        if (extendedLengthBytes == 0)
        {
            payloadLength = length7;
        }
        else if (extendedLengthBytes == 2)
        {
            payloadLength = BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]);
        }
        else
        {
            ulong length64 = BinaryPrimitives.ReadUInt64BigEndian(bytes[2..]);
            if ((length64 >> 63) != 0)
            {
                return Fail(WebSocketProtocolError.PayloadLengthMsbSet, out error);
            }

            payloadLength = (long)length64;
        }

        // Before the payload is buffered: a peer announcing a huge frame fails now, not after we held it.
        if (payloadLength > options.MaxFramePayloadLength)
        {
            return Fail(WebSocketProtocolError.FrameTooLarge, out error);
        }

        int headerLength = 2 + extendedLengthBytes + (masked ? MaskKeyLength : 0);
        if (bytes.Length < headerLength)
        {
            return FrameParseStatus.Incomplete;
        }

        uint maskKey = masked ? BinaryPrimitives.ReadUInt32LittleEndian(bytes[(headerLength - MaskKeyLength)..]) : 0;
        header = new WebSocketFrameHeader(
            fin,
            rsv1,
            rsv2: false,
            rsv3: false,
            opcode,
            masked,
            maskKey,
            payloadLength,
            headerLength);
        Debug.Assert(headerLength <= WebSocketFrameHeader.MaxHeaderLength, $"{nameof(headerLength)} exceeds 14");
        return FrameParseStatus.Complete;
    }

    private static FrameParseStatus Fail(WebSocketProtocolError reason, out WebSocketProtocolError error)
    {
        error = reason;
        return FrameParseStatus.Error;
    }
}
