using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Tests.WebSockets;

/// <summary>
/// Builds frames byte by byte, independently of <see cref="WebSocketFrameWriter"/>, so reader tests do not trust
/// the code under test; and reads every frame out of a sequence the way a receive loop would.
/// </summary>
internal static class TestFrames
{
    public static byte[] Frame(WebSocketOpcode opcode, ReadOnlySpan<byte> payload, bool fin = true, byte rsv = 0, uint? maskKey = null)
    {
        var bytes = new List<byte> { (byte)((fin ? 0x80 : 0) | rsv | (byte)opcode) };
        byte maskBit = maskKey.HasValue ? (byte)0x80 : (byte)0;
        if (payload.Length <= 125)
        {
            bytes.Add((byte)(maskBit | payload.Length));
        }
        else if (payload.Length <= ushort.MaxValue)
        {
            bytes.Add((byte)(maskBit | 126));
            bytes.Add((byte)(payload.Length >> 8));
            bytes.Add((byte)payload.Length);
        }
        else
        {
            bytes.Add((byte)(maskBit | 127));
            for (int shift = 56; shift >= 0; shift -= 8)
            {
                bytes.Add((byte)((long)payload.Length >> shift));
            }
        }

        byte[] body = payload.ToArray();
        if (maskKey is uint key)
        {
            for (int i = 0; i < 4; i++)
            {
                bytes.Add((byte)(key >> (8 * i)));
            }

            for (int i = 0; i < body.Length; i++)
            {
                body[i] ^= (byte)(key >> (8 * (i & 3)));
            }
        }

        bytes.AddRange(body);
        return bytes.ToArray();
    }

    public static byte[] Text(string text, bool fin = true) => Frame(WebSocketOpcode.Text, Encoding.UTF8.GetBytes(text), fin);

    public static byte[] Close(ushort code, string reason = "")
    {
        byte[] payload = new byte[2 + Encoding.UTF8.GetByteCount(reason)];
        BinaryPrimitives.WriteUInt16BigEndian(payload, code);
        Encoding.UTF8.GetBytes(reason, payload.AsSpan(2));
        return Frame(WebSocketOpcode.Close, payload);
    }

    public static byte[] Concat(params byte[][] parts)
    {
        var all = new List<byte>();
        foreach (byte[] part in parts)
        {
            all.AddRange(part);
        }

        return all.ToArray();
    }

    /// <summary>A frame as read: header and a copy of its payload.</summary>
    public sealed record ReadFrame(WebSocketFrameHeader Header, byte[] Payload);

    /// <summary>
    /// Reads frames until the input runs out or fails, slicing at <c>consumed</c> as a receive loop would advance.
    /// </summary>
    public static (List<ReadFrame> Frames, FrameParseStatus Last, WebSocketProtocolError Error) ReadAll(
        ReadOnlySequence<byte> input,
        WebSocketFrameReaderOptions? options = null)
    {
        options ??= WebSocketFrameReaderOptions.Client;
        var frames = new List<ReadFrame>();
        while (true)
        {
            FrameParseStatus status = WebSocketFrameReader.TryReadFrame(
                input, options, out WebSocketFrame frame, out SequencePosition consumed, out _, out WebSocketProtocolError error);
            if (status != FrameParseStatus.Complete)
            {
                return (frames, status, error);
            }

            frames.Add(new ReadFrame(frame.Header, frame.Payload.ToArray()));
            input = input.Slice(consumed);
            if (input.IsEmpty)
            {
                return (frames, FrameParseStatus.Complete, WebSocketProtocolError.None);
            }
        }
    }

    /// <summary>Reads frames and feeds them to an assembler, collecting messages (copied) until the end or an error.</summary>
    public static (List<(WebSocketOpcode Opcode, byte[] Payload, WebSocketCloseCode CloseStatus)> Messages, WebSocketProtocolError Error) Assemble(
        ReadOnlySequence<byte> input,
        WebSocketMessageAssemblerOptions? options = null)
    {
        using var assembler = new WebSocketMessageAssembler(options ?? WebSocketMessageAssemblerOptions.Default);
        return Assemble(input, assembler, WebSocketFrameReaderOptions.Client);
    }

    /// <summary>The same with a given assembler (it may hold an inflater) and reader options (e.g. deflate negotiated).</summary>
    public static (List<(WebSocketOpcode Opcode, byte[] Payload, WebSocketCloseCode CloseStatus)> Messages, WebSocketProtocolError Error) Assemble(
        ReadOnlySequence<byte> input,
        WebSocketMessageAssembler assembler,
        WebSocketFrameReaderOptions readerOptions)
    {
        var messages = new List<(WebSocketOpcode, byte[], WebSocketCloseCode)>();
        while (!input.IsEmpty)
        {
            FrameParseStatus status = WebSocketFrameReader.TryReadFrame(
                input, readerOptions, out WebSocketFrame frame, out SequencePosition consumed, out _, out WebSocketProtocolError error);
            if (status == FrameParseStatus.Error)
            {
                return (messages, error);
            }

            if (status == FrameParseStatus.Incomplete)
            {
                error = assembler.CheckPartialFrame(frame);
                return (messages, error);
            }

            MessageAssemblyStatus result = assembler.TryAdd(frame, out WebSocketMessage message, out error);
            if (result == MessageAssemblyStatus.Error)
            {
                return (messages, error);
            }

            if (result is MessageAssemblyStatus.Message or MessageAssemblyStatus.Control)
            {
                messages.Add((message.Opcode, message.Payload.ToArray(), message.CloseStatus));
            }

            input = input.Slice(consumed);
        }

        return (messages, WebSocketProtocolError.None);
    }
}
