using System;
using System.Text.Json;

namespace ProtocolCore.Json;

/// <summary>Small helpers the generated readers call, kept here so the generated code stays short.</summary>
public static class JsonReadHelpers
{
    public static void ExpectToken(ref Utf8JsonReader reader, JsonTokenType expected)
    {
        if (reader.TokenType != expected)
        {
            ThrowUnexpectedToken(ref reader, expected);
        }
    }

    public static void ThrowUnexpectedToken(ref Utf8JsonReader reader, JsonTokenType expected)
    {
        throw new ProtocolJsonException($"Expected {expected}, found {reader.TokenType}.", reader.TokenStartIndex);
    }

    public static void ThrowNullNotAllowed(ref Utf8JsonReader reader, string member)
    {
        throw new ProtocolJsonException($"Member '{member}' cannot be null.", reader.TokenStartIndex);
    }

    /// <summary>Reads an integer, accepting an integral number written with a fraction or exponent (<c>3.0</c>).</summary>
    public static int ReadInt32(ref Utf8JsonReader reader)
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
    public static long ReadInt64(ref Utf8JsonReader reader)
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

    public static double ReadDouble(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out double value))
        {
            return value;
        }

        throw new ProtocolJsonException($"Expected a number, found {reader.TokenType}.", reader.TokenStartIndex);
    }

    public static bool ReadBoolean(ref Utf8JsonReader reader)
    {
        return reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => throw new ProtocolJsonException($"Expected true or false, found {reader.TokenType}.", reader.TokenStartIndex),
        };
    }

    public static string ReadString(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new ProtocolJsonException($"Expected a string, found {reader.TokenType}.", reader.TokenStartIndex);
        }

        return reader.GetString()!;
    }

    /// <summary>
    /// Copies the unescaped name of the property the reader is on into <paramref name="buffer"/> (the slow path, for
    /// escaped names or names split across segments). Returns 0 for a name longer than the buffer: such a name cannot
    /// match any known member. The reader is taken by value so the stack buffer cannot leak into it.
    /// </summary>
    public static int CopyPropertyName(Utf8JsonReader reader, Span<byte> buffer)
    {
        long max = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        return max > buffer.Length ? 0 : reader.CopyString(buffer);
    }
}
