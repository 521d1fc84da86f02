using System;
using System.ComponentModel;
using System.Text.Json;

namespace ProtocolCore.Json;

/// <summary>Finds the <c>"type"</c> member of an object without moving the caller's reader (generated unions call it).</summary>
/// <remarks>For the code the ProtocolCore generator emits into this assembly; not meant to be called directly, and it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonDiscriminator
{
    /// <summary>The largest discriminator copied into a caller's buffer; longer ones are never a known case.</summary>
    public const int MaxLength = 128;

    /// <summary>
    /// Scans the object whose <c>StartObject</c> token <paramref name="reader"/> is on (a copy: the caller's reader does
    /// not move) and copies the unescaped value of its <c>"type"</c> string into <paramref name="buffer"/>.
    /// Live traffic nearly always puts <c>"type"</c> first, so the first iteration usually finds it.
    /// </summary>
    /// <returns>The length written; -1 when the object has no <c>"type"</c>; -2 when it is longer than the buffer.</returns>
    /// <exception cref="ProtocolJsonException">The object's <c>"type"</c> is not a string (say, <c>42</c>).</exception>
    public static int Find(JsonScanner reader, Span<byte> buffer)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new ProtocolJsonException($"Expected an object, found {reader.TokenType}.", reader.TokenStartIndex);
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isType = reader.ValueTextEquals("type"u8);
            reader.Read();
            if (isType && reader.TokenType != JsonTokenType.String)
            {
                // Malformed, not merely unknown: passing it on as an unknown kind with an empty type would hide it.
                throw new ProtocolJsonException($"\"type\" must be a string, found {reader.TokenType}.", reader.TokenStartIndex);
            }

            if (isType)
            {
                if (!reader.ValueIsEscaped)
                {
                    ReadOnlySpan<byte> value = reader.ValueSpan;
                    if (value.Length > buffer.Length)
                    {
                        return -2;
                    }

                    value.CopyTo(buffer);
                    return value.Length;
                }

                if (reader.ValueSpan.Length > buffer.Length)
                {
                    return -2;
                }

                return reader.CopyString(buffer);
            }

            reader.Skip();
        }

        return -1;
    }

    /// <summary>The <c>"type"</c> string of the object the reader is on, or an empty string when it has none.</summary>
    public static string GetString(JsonScanner reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isType = reader.ValueTextEquals("type"u8);
            reader.Read();
            if (isType && reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString() ?? string.Empty;
            }

            reader.Skip();
        }

        return string.Empty;
    }
}
