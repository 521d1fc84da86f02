using System;
using System.Buffers;

namespace ProtocolCore.Sse;

/// <summary>
/// Splits a byte stream into lines the way the SSE specification does (<c>\n</c>, <c>\r\n</c> or a lone <c>\r</c>).
/// Pure: it looks at the buffer it is given and says how far it got; the caller owns reading and advancing.
/// </summary>
internal static class SseLineReader
{
    /// <summary>
    /// Takes one complete line off the front of <paramref name="buffer"/> (without its terminator).
    /// </summary>
    /// <param name="buffer">Unconsumed input; on success it is sliced past the line and its terminator.</param>
    /// <param name="isFinalBlock">True when no more input will come, so a last line without a terminator counts.</param>
    /// <param name="line">The line, as a slice of the input.</param>
    /// <returns>False when the buffer holds no complete line yet.</returns>
    public static bool TryReadLine(ref ReadOnlySequence<byte> buffer, bool isFinalBlock, out ReadOnlySequence<byte> line)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (reader.TryAdvanceToAny("\r\n"u8, advancePastDelimiter: false))
        {
            SequencePosition end = reader.Position;
            reader.TryRead(out byte terminator);
            if (terminator == (byte)'\r')
            {
                if (reader.End && !isFinalBlock)
                {
                    // A '\r' at the end of what we have may be the first half of "\r\n": wait for the next byte.
                    line = default;
                    return false;
                }

                if (reader.IsNext((byte)'\n', advancePast: true))
                {
                    // "\r\n" is one terminator.
                }
            }

            line = buffer.Slice(0, end);
            buffer = buffer.Slice(reader.Position);
            return true;
        }

        if (isFinalBlock && !buffer.IsEmpty)
        {
            line = buffer;
            buffer = buffer.Slice(buffer.End);
            return true;
        }

        line = default;
        return false;
    }
}
