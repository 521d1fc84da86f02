using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;

namespace ProtocolCore.WebSockets;

/// <summary>
/// Writes client frames (RFC 6455 §5.2, always masked) into an <see cref="IBufferWriter{T}"/> such as a
/// <c>PipeWriter</c>: the header goes straight into the writer's span and the payload is copied and masked in place
/// there, so nothing is allocated and many frames can be coalesced before one flush. Not thread-safe: one writer
/// per connection, used by one sender at a time.
/// </summary>
internal sealed class WebSocketFrameWriter
{
    /// <summary>The longest close reason: 125 control-frame bytes minus the 2-byte code.</summary>
    public const int MaxCloseReasonLength = WebSocketFrameHeader.MaxControlPayloadLength - 2;

    /// <summary>Supplies a fresh key for every frame.</summary>
    private readonly MaskKeySource _maskKeys;

    /// <summary>Creates a writer whose mask keys come from a fresh <see cref="MaskKeySource"/>.</summary>
    public WebSocketFrameWriter()
        : this(new MaskKeySource())
    {
    }

    /// <summary>Creates a writer whose mask keys come from <paramref name="maskKeys"/> (a seeded source makes output reproducible in tests).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="maskKeys"/> is null.</exception>
    public WebSocketFrameWriter(MaskKeySource maskKeys)
    {
        ArgumentNullException.ThrowIfNull(maskKeys);
        _maskKeys = maskKeys;
    }

    /// <summary>Writes one masked frame with a fresh key.</summary>
    /// <param name="output">Where the frame goes; the caller flushes.</param>
    /// <param name="opcode">Any defined opcode.</param>
    /// <param name="payload">Unmasked payload; it is not modified.</param>
    /// <param name="fin">False for every fragment of a message but the last. Control frames must be final.</param>
    public void WriteFrame(IBufferWriter<byte> output, WebSocketOpcode opcode, ReadOnlySpan<byte> payload, bool fin = true) =>
        WriteFrame(output, opcode, payload, fin, compressed: false);

    /// <summary>Writes one masked frame with a fresh key, with RSV1 set when <paramref name="compressed"/>.</summary>
    /// <param name="output">Where the frame goes; the caller flushes.</param>
    /// <param name="opcode">Any defined opcode.</param>
    /// <param name="payload">Unmasked payload; it is not modified.</param>
    /// <param name="fin">False for every fragment of a message but the last. Control frames must be final.</param>
    /// <param name="compressed">
    /// permessage-deflate's "compressed" bit: only on the first frame of a data message whose payload is deflated.
    /// </param>
    public void WriteFrame(IBufferWriter<byte> output, WebSocketOpcode opcode, ReadOnlySpan<byte> payload, bool fin, bool compressed)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (opcode is not (WebSocketOpcode.Continuation or WebSocketOpcode.Text or WebSocketOpcode.Binary
            or WebSocketOpcode.Close or WebSocketOpcode.Ping or WebSocketOpcode.Pong))
        {
            throw new ArgumentOutOfRangeException(nameof(opcode), opcode, "Reserved opcode.");
        }

        if (compressed && opcode is not (WebSocketOpcode.Text or WebSocketOpcode.Binary))
        {
            throw new ArgumentException("Only the first frame of a data message can be compressed.", nameof(compressed));
        }

        if (WebSocketFrameHeader.IsControlOpcode(opcode))
        {
            if (!fin)
            {
                throw new ArgumentException("Control frames cannot be fragmented.", nameof(fin));
            }

            if (payload.Length > WebSocketFrameHeader.MaxControlPayloadLength)
            {
                throw new ArgumentException("Control frame payloads are limited to 125 bytes.", nameof(payload));
            }
        }

        uint key = _maskKeys.NextKey();
        Span<byte> headerSpan = output.GetSpan(WebSocketFrameHeader.MaxHeaderLength);
        int headerLength = WriteHeader(headerSpan, fin, opcode, payload.Length, key, compressed);
        output.Advance(headerLength);

        int phase = 0;
        while (!payload.IsEmpty)
        {
            // Take whatever the writer has (it is never empty) rather than asking for a size: a PipeWriter would
            // otherwise abandon the rest of its current segment, or allocate outside its pool for big requests.
            Span<byte> span = output.GetSpan();
            int count = Math.Min(span.Length, payload.Length);
            span = span[..count];
            payload[..count].CopyTo(span);
            phase = WebSocketMasking.Mask(span, key, phase);
            output.Advance(count);
            payload = payload[count..];
        }
    }

    /// <summary>
    /// Writes a text or binary message, as one frame or, when <paramref name="maxFragmentLength"/> is positive, as
    /// fragments of at most that many payload bytes (each with its own key).
    /// </summary>
    public void WriteMessage(IBufferWriter<byte> output, WebSocketOpcode opcode, ReadOnlySpan<byte> payload, int maxFragmentLength = 0)
    {
        if (opcode is not (WebSocketOpcode.Text or WebSocketOpcode.Binary))
        {
            throw new ArgumentOutOfRangeException(nameof(opcode), opcode, "Messages are text or binary.");
        }

        if (maxFragmentLength <= 0 || payload.Length <= maxFragmentLength)
        {
            WriteFrame(output, opcode, payload);
            return;
        }

        WebSocketOpcode frameOpcode = opcode;
        while (payload.Length > maxFragmentLength)
        {
            WriteFrame(output, frameOpcode, payload[..maxFragmentLength], fin: false);
            payload = payload[maxFragmentLength..];
            frameOpcode = WebSocketOpcode.Continuation;
        }

        WriteFrame(output, frameOpcode, payload, fin: true);
    }

    /// <summary>Writes a text message; <paramref name="utf8"/> must be UTF-8 (the peer fails the connection otherwise).</summary>
    public void WriteText(IBufferWriter<byte> output, ReadOnlySpan<byte> utf8, int maxFragmentLength = 0) =>
        WriteMessage(output, WebSocketOpcode.Text, utf8, maxFragmentLength);

    /// <summary>Writes a binary message, split into frames of at most <paramref name="maxFragmentLength"/> bytes when that is positive.</summary>
    public void WriteBinary(IBufferWriter<byte> output, ReadOnlySpan<byte> payload, int maxFragmentLength = 0) =>
        WriteMessage(output, WebSocketOpcode.Binary, payload, maxFragmentLength);

    /// <summary>Writes a ping with up to 125 bytes of application data.</summary>
    public void WritePing(IBufferWriter<byte> output, ReadOnlySpan<byte> payload) =>
        WriteFrame(output, WebSocketOpcode.Ping, payload);

    /// <summary>Writes a pong; in answer to a ping it must echo the ping's payload (RFC 6455 §5.5.3).</summary>
    public void WritePong(IBufferWriter<byte> output, ReadOnlySpan<byte> payload) =>
        WriteFrame(output, WebSocketOpcode.Pong, payload);

    /// <summary>Writes a close frame without a code (the peer reports 1005).</summary>
    public void WriteClose(IBufferWriter<byte> output) =>
        WriteFrame(output, WebSocketOpcode.Close, ReadOnlySpan<byte>.Empty);

    /// <summary>Writes a close frame with a code and an optional reason of at most 123 UTF-8 bytes.</summary>
    public void WriteClose(IBufferWriter<byte> output, WebSocketCloseCode status, string? reason = null)
    {
        if (!WebSocketCloseCodes.IsValidOnWire((int)status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "This close code cannot be sent on the wire.");
        }

        reason ??= string.Empty;
        Span<byte> payload = stackalloc byte[WebSocketFrameHeader.MaxControlPayloadLength];
        BinaryPrimitives.WriteUInt16BigEndian(payload, (ushort)status);
        if (!Encoding.UTF8.TryGetBytes(reason, payload[2..], out int reasonLength))
        {
            throw new ArgumentException("The close reason is limited to 123 UTF-8 bytes.", nameof(reason));
        }

        WriteFrame(output, WebSocketOpcode.Close, payload[..(2 + reasonLength)]);
    }

    /// <summary>Writes a masked header into <paramref name="destination"/> (at least 14 bytes) and returns its length.</summary>
    internal static int WriteHeader(Span<byte> destination, bool fin, WebSocketOpcode opcode, long payloadLength, uint maskKey, bool rsv1 = false)
    {
        Debug.Assert(destination.Length >= WebSocketFrameHeader.MaxHeaderLength, $"{nameof(destination)} is shorter than 14 bytes");
        Debug.Assert(payloadLength >= 0, $"{nameof(payloadLength)} is negative");

        destination[0] = (byte)((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | (byte)opcode);
        int offset;
        if (payloadLength <= 125)
        {
            destination[1] = (byte)(0x80 | payloadLength);
            offset = 2;
        }
        else if (payloadLength <= ushort.MaxValue)
        {
            destination[1] = 0x80 | 126;
            BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)payloadLength);
            offset = 4;
        }
        else
        {
            destination[1] = 0x80 | 127;
            BinaryPrimitives.WriteUInt64BigEndian(destination[2..], (ulong)payloadLength);
            offset = 10;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(destination[offset..], maskKey);
        return offset + 4;
    }
}
