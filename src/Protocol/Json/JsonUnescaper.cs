using System;
using System.Buffers.Binary;
using System.Text;

namespace ProtocolCore.Json;

/// <summary>Unescapes the body of a JSON string (already validated by <see cref="JsonScanner"/>) into UTF-8.</summary>
internal static class JsonUnescaper
{
    /// <returns>The bytes written; never more than <paramref name="source"/>'s length (escapes only shrink).</returns>
    public static int Unescape(ReadOnlySpan<byte> source, Span<byte> destination, int offsetForErrors)
    {
        int written = 0;
        int i = 0;
        while (i < source.Length)
        {
            int backslash = source.Slice(i).IndexOf((byte)'\\');
            if (backslash < 0)
            {
                source.Slice(i).CopyTo(destination.Slice(written));
                return written + source.Length - i;
            }

            source.Slice(i, backslash).CopyTo(destination.Slice(written));
            written += backslash;
            i += backslash;
            byte e = source[i + 1];
            switch (e)
            {
                case (byte)'n': destination[written++] = (byte)'\n'; i += 2; break;
                case (byte)'t': destination[written++] = (byte)'\t'; i += 2; break;
                case (byte)'r': destination[written++] = (byte)'\r'; i += 2; break;
                case (byte)'b': destination[written++] = (byte)'\b'; i += 2; break;
                case (byte)'f': destination[written++] = (byte)'\f'; i += 2; break;
                case (byte)'u':
                {
                    int c = ParseHex4(source.Slice(i + 2, 4));
                    i += 6;
                    if (c is >= 0xD800 and <= 0xDBFF)
                    {
                        // A high surrogate must be followed by an escaped low surrogate.
                        if (i + 6 <= source.Length && source[i] == (byte)'\\' && source[i + 1] == (byte)'u')
                        {
                            int low = ParseHex4(source.Slice(i + 2, 4));
                            if (low is >= 0xDC00 and <= 0xDFFF)
                            {
                                c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                                i += 6;
                            }
                            else
                            {
                                throw new ProtocolJsonException("A high surrogate escape is not followed by a low surrogate.", offsetForErrors + i);
                            }
                        }
                        else
                        {
                            throw new ProtocolJsonException("A high surrogate escape is not followed by a low surrogate.", offsetForErrors + i);
                        }
                    }
                    else if (c is >= 0xDC00 and <= 0xDFFF)
                    {
                        throw new ProtocolJsonException("A lone low surrogate escape.", offsetForErrors + i);
                    }

                    written += new Rune(c).EncodeToUtf8(destination.Slice(written));
                    break;
                }

                default:
                    // '"', '\\' and '/' stand for themselves.
                    destination[written++] = e;
                    i += 2;
                    break;
            }
        }

        return written;
    }

    private static int ParseHex4(ReadOnlySpan<byte> hex)
    {
        int value = 0;
        foreach (byte b in hex)
        {
            int digit = (uint)(b - '0') <= 9 ? b - '0' : (b | 0x20) - 'a' + 10;
            value = (value << 4) | digit;
        }

        return value;
    }
}
