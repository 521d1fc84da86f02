using System;
using System.Text;
using System.Text.Json;

namespace ProtocolCore.Json;

/// <summary>
/// One JSON value kept as its UTF-8 text, written back unchanged (tool <c>parameters</c>, unknown union kinds).
/// Like <see cref="Utf8Text"/>, a value read on the view path is valid until the next decode; <see cref="ToOwned"/> copies it.
/// </summary>
public readonly struct RawJson : IEquatable<RawJson>
{
    private readonly ReadOnlyMemory<byte> _utf8;

    /// <summary>Wraps one complete JSON value, as UTF-8; it is not validated here.</summary>
    public RawJson(ReadOnlyMemory<byte> utf8Json) => _utf8 = utf8Json;

    /// <summary>The UTF-8 text of the value.</summary>
    public ReadOnlySpan<byte> Span => _utf8.Span;

    /// <summary>The UTF-8 text of the value.</summary>
    public ReadOnlyMemory<byte> Memory => _utf8;

    /// <summary>True for <c>default</c>, which holds no value (and is written as <c>null</c>).</summary>
    public bool IsEmpty => _utf8.IsEmpty;

    /// <summary>The kind of the value, from its first significant byte.</summary>
    public JsonValueKind ValueKind
    {
        get
        {
            foreach (byte b in _utf8.Span)
            {
                switch (b)
                {
                    case (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n':
                        continue;
                    case (byte)'{':
                        return JsonValueKind.Object;
                    case (byte)'[':
                        return JsonValueKind.Array;
                    case (byte)'"':
                        return JsonValueKind.String;
                    case (byte)'t':
                        return JsonValueKind.True;
                    case (byte)'f':
                        return JsonValueKind.False;
                    case (byte)'n':
                        return JsonValueKind.Null;
                    default:
                        return JsonValueKind.Number;
                }
            }

            return JsonValueKind.Undefined;
        }
    }

    /// <summary>Validates <paramref name="json"/> as exactly one JSON value and keeps a copy of its UTF-8 bytes.</summary>
    public static RawJson Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        Validate(utf8);
        return new RawJson(utf8);
    }

    /// <summary>Validates <paramref name="utf8Json"/> as exactly one JSON value and keeps a copy.</summary>
    public static RawJson Parse(ReadOnlySpan<byte> utf8Json)
    {
        Validate(utf8Json);
        return new RawJson(utf8Json.ToArray());
    }

    private static void Validate(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        try
        {
            if (!reader.Read())
            {
                throw new ProtocolJsonException("Raw JSON is empty.", 0);
            }

            reader.Skip();
            if (reader.Read())
            {
                throw new ProtocolJsonException("Raw JSON holds more than one value.", reader.TokenStartIndex);
            }
        }
        catch (JsonException e)
        {
            throw new ProtocolJsonException("Raw JSON is not valid: " + e.Message, e.BytePositionInLine ?? 0, e);
        }
    }

    /// <summary>Copies the bytes into a new array, detaching the value from the reader's buffers.</summary>
    public RawJson ToOwned() => _utf8.IsEmpty ? default : new RawJson(_utf8.ToArray());

    /// <summary>Writes the value unchanged (<c>null</c> when <see cref="IsEmpty"/>).</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (_utf8.IsEmpty)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteRawValue(_utf8.Span, skipInputValidation: true);
    }

    /// <inheritdoc/>
    public bool Equals(RawJson other) => _utf8.Span.SequenceEqual(other._utf8.Span);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RawJson other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        HashCode hash = default;
        hash.AddBytes(_utf8.Span);
        return hash.ToHashCode();
    }

    /// <summary>Whether two values hold the same bytes.</summary>
    public static bool operator ==(RawJson left, RawJson right) => left.Equals(right);

    /// <summary>Whether two values hold different bytes.</summary>
    public static bool operator !=(RawJson left, RawJson right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => Encoding.UTF8.GetString(_utf8.Span);
}
