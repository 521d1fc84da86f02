using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace ProtocolCore.Faults;

/// <summary>Server-to-client frames (RFC 6455 §5.2, unmasked), written here rather than with the library under test.</summary>
public static class ServerFrames
{
    public const byte Continuation = 0x0;
    public const byte Text = 0x1;
    public const byte Close = 0x8;
    public const byte Ping = 0x9;
    public const byte Pong = 0xA;

    public static byte[] Frame(byte opcode, ReadOnlySpan<byte> payload, bool fin = true)
    {
        int headerLength = payload.Length <= 125 ? 2 : payload.Length <= ushort.MaxValue ? 4 : 10;
        byte[] frame = new byte[headerLength + payload.Length];
        frame[0] = (byte)((fin ? 0x80 : 0) | opcode);
        if (payload.Length <= 125)
        {
            frame[1] = (byte)payload.Length;
        }
        else if (payload.Length <= ushort.MaxValue)
        {
            frame[1] = 126;
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)payload.Length);
        }
        else
        {
            frame[1] = 127;
            BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(2), (ulong)payload.Length);
        }

        payload.CopyTo(frame.AsSpan(headerLength));
        return frame;
    }

    /// <summary>A text message as one frame, or split into <paramref name="fragments"/> frames (text, then continuations).</summary>
    public static byte[] Message(byte[] payload, int fragments)
    {
        if (fragments <= 1 || payload.Length < fragments)
        {
            return Frame(Text, payload);
        }

        var frames = new List<byte>(payload.Length + (fragments * 4));
        int size = payload.Length / fragments;
        for (int i = 0; i < fragments; i++)
        {
            int start = i * size;
            int end = i == fragments - 1 ? payload.Length : start + size;
            frames.AddRange(Frame(i == 0 ? Text : Continuation, payload.AsSpan(start, end - start), fin: i == fragments - 1));
        }

        return [.. frames];
    }

    /// <summary>A close frame with a status code and a short reason.</summary>
    public static byte[] CloseFrame(ushort status, string reason)
    {
        byte[] payload = new byte[2 + System.Text.Encoding.UTF8.GetByteCount(reason)];
        BinaryPrimitives.WriteUInt16BigEndian(payload, status);
        System.Text.Encoding.UTF8.GetBytes(reason, payload.AsSpan(2));
        return Frame(Close, payload);
    }
}
