using System;
using System.ComponentModel;
using System.Text.Json;

namespace ProtocolCore.Json;

/// <summary>Small helpers the generated readers call, kept here so the generated code stays short.</summary>
/// <remarks>For the code the ProtocolCore generator emits into this assembly; not meant to be called directly, and it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonReadHelpers
{
    /// <summary>
    /// Throws <see cref="ProtocolJsonException"/> unless the current token is <paramref name="expected"/>.
    /// </summary>
    public static void ExpectToken(ref JsonScanner reader, JsonTokenType expected)
    {
        if (reader.TokenType != expected)
        {
            ThrowUnexpectedToken(ref reader, expected);
        }
    }

    /// <summary>
    /// Throws <see cref="ProtocolJsonException"/> for a token that is not <paramref name="expected"/>, at the token's
    /// offset.
    /// </summary>
    public static void ThrowUnexpectedToken(ref JsonScanner reader, JsonTokenType expected)
    {
        throw new ProtocolJsonException($"Expected {expected}, found {reader.TokenType}.", reader.TokenStartIndex);
    }

    /// <summary>
    /// Throws <see cref="ProtocolJsonException"/> for a <c>null</c> where <paramref name="member"/> cannot be null.
    /// </summary>
    public static void ThrowNullNotAllowed(ref JsonScanner reader, string member)
    {
        throw new ProtocolJsonException($"Member '{member}' cannot be null.", reader.TokenStartIndex);
    }

    /// <summary>Reads an integer, accepting an integral number written with a fraction or exponent (<c>3.0</c>).</summary>
    public static int ReadInt32(ref JsonScanner reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetInt32(out int value))
            {
                return value;
            }

            if (reader.TryGetDouble(out double d) && d == Math.Floor(d) && d >= int.MinValue && d <= int.MaxValue)
            {
                return (int)d;
            }
        }

        throw new ProtocolJsonException($"Expected a 32-bit integer, found {reader.TokenType}.", reader.TokenStartIndex);
    }

    /// <summary>Reads an integer, accepting an integral number written with a fraction or exponent.</summary>
    public static long ReadInt64(ref JsonScanner reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetInt64(out long value))
            {
                return value;
            }

            if (reader.TryGetDouble(out double d) && d == Math.Floor(d) && d >= long.MinValue && d <= long.MaxValue)
            {
                return (long)d;
            }
        }

        throw new ProtocolJsonException($"Expected a 64-bit integer, found {reader.TokenType}.", reader.TokenStartIndex);
    }

    /// <summary>Reads a number; anything else throws <see cref="ProtocolJsonException"/>.</summary>
    public static double ReadDouble(ref JsonScanner reader)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out double value))
        {
            return value;
        }

        throw new ProtocolJsonException($"Expected a number, found {reader.TokenType}.", reader.TokenStartIndex);
    }

    /// <summary>Reads <c>true</c> or <c>false</c>; anything else throws <see cref="ProtocolJsonException"/>.</summary>
    public static bool ReadBoolean(ref JsonScanner reader)
    {
        return reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => throw new ProtocolJsonException($"Expected true or false, found {reader.TokenType}.", reader.TokenStartIndex),
        };
    }

    /// <summary>
    /// Reads a string, unescaped, as a new <see cref="string"/>; anything else throws <see
    /// cref="ProtocolJsonException"/>.
    /// </summary>
    public static string ReadString(ref JsonScanner reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new ProtocolJsonException($"Expected a string, found {reader.TokenType}.", reader.TokenStartIndex);
        }

        return reader.GetString()!;
    }

    /// <summary>
    /// Copies the unescaped name of the property the reader is on into <paramref name="buffer"/> (the slow path, for
    /// escaped names). Returns 0 for a name longer than the buffer: such a name cannot
    /// match any known member.
    /// </summary>
    public static int CopyPropertyName(scoped in JsonScanner reader, Span<byte> buffer)
    {
        return reader.ValueSpan.Length > buffer.Length ? 0 : reader.CopyString(buffer);
    }
}
