using System;
using System.Collections.Generic;
using System.IO;

namespace ProtocolCore.Benchmarks.WebSockets;

/// <summary>Builds the unmasked frames a server sends, the way the wire carries them, for the receive benchmarks.</summary>
internal static class ServerFrames
{
    /// <summary><paramref name="count"/> messages of <paramref name="payload"/>, each split into <paramref name="fragments"/> frames.</summary>
    public static byte[] Build(byte[] payload, int count, int fragments, bool text = true)
    {
        using var stream = new MemoryStream();
        for (int i = 0; i < count; i++)
        {
            int offset = 0;
            for (int f = 0; f < fragments; f++)
            {
                int size = f == fragments - 1 ? payload.Length - offset : payload.Length / fragments;
                byte opcode = f == 0 ? (byte)(text ? 0x1 : 0x2) : (byte)0x0;
                bool fin = f == fragments - 1;
                WriteHeader(stream, opcode, fin, size);
                stream.Write(payload, offset, size);
                offset += size;
            }
        }

        return stream.ToArray();
    }

    private static void WriteHeader(Stream stream, byte opcode, bool fin, int length)
    {
        stream.WriteByte((byte)((fin ? 0x80 : 0) | opcode));
        if (length < 126)
        {
            stream.WriteByte((byte)length);
        }
        else if (length <= ushort.MaxValue)
        {
            stream.WriteByte(126);
            stream.WriteByte((byte)(length >> 8));
            stream.WriteByte((byte)length);
        }
        else
        {
            stream.WriteByte(127);
            for (int shift = 56; shift >= 0; shift -= 8)
            {
                stream.WriteByte((byte)((long)length >> shift));
            }
        }
    }
}
