using System;
using System.Text;
using System.Text.Json;

namespace ProtocolCore.Json;

/// <summary>
/// The members of a JSON object that its model does not declare, kept as one JSON object so that decode → encode is
/// lossless. Reading it costs nothing unless it is used; on the view path it shares the reader's lifetime.
/// </summary>
public readonly struct JsonExtensionData : IEquatable<JsonExtensionData>
{
    private readonly ReadOnlyMemory<byte> _object;

    /// <param name="utf8Object">A JSON object, <c>{...}</c>.</param>
    public JsonExtensionData(ReadOnlyMemory<byte> utf8Object) => _object = utf8Object;

    /// <summary>True when the object had no unknown members.</summary>
    public bool IsEmpty => _object.IsEmpty;

    /// <summary>The unknown members as one JSON object (<c>{}</c> when there are none).</summary>
    public RawJson AsObject => _object.IsEmpty ? new RawJson("{}"u8.ToArray()) : new RawJson(_object);

    /// <summary>The number of unknown members (counted by reading the object, so not free).</summary>
    public int Count
    {
        get
        {
            int count = 0;
            var reader = new Utf8JsonReader(_object.Span);
            if (_object.IsEmpty || !reader.Read())
            {
                return 0;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                count++;
                reader.Read();
                reader.Skip();
            }

            return count;
        }
    }

    /// <summary>Finds an unknown member by name.</summary>
    public bool TryGetValue(string name, out RawJson value)
    {
        ArgumentNullException.ThrowIfNull(name);
        value = default;
        if (_object.IsEmpty)
        {
            return false;
        }

        byte[] utf8Name = Encoding.UTF8.GetBytes(name);
        var reader = new Utf8JsonReader(_object.Span);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool match = reader.ValueTextEquals(utf8Name);
            reader.Read();
            int start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (match)
            {
                value = new RawJson(_object.Slice(start, (int)reader.BytesConsumed - start));
                return true;
            }
        }

        return false;
    }

    /// <summary>Writes every unknown member into the object the writer is inside.</summary>
    public void WriteMembers(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (_object.IsEmpty)
        {
            return;
        }

        ReadOnlySpan<byte> json = _object.Span;
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueIsEscaped)
            {
                writer.WritePropertyName(reader.ValueSpan);
            }
            else
            {
                byte[] name = new byte[reader.ValueSpan.Length];
                int written = reader.CopyString(name);
                writer.WritePropertyName(name.AsSpan(0, written));
            }

            reader.Read();
            int start = (int)reader.TokenStartIndex;
            reader.Skip();
            writer.WriteRawValue(json[start..(int)reader.BytesConsumed], skipInputValidation: true);
        }
    }

    /// <summary>Copies the members into a new array, detaching them from the reader's buffers.</summary>
    public JsonExtensionData ToOwned() => _object.IsEmpty ? default : new JsonExtensionData(_object.ToArray());

    /// <inheritdoc/>
    public bool Equals(JsonExtensionData other) => _object.Span.SequenceEqual(other._object.Span);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is JsonExtensionData other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        HashCode hash = default;
        hash.AddBytes(_object.Span);
        return hash.ToHashCode();
    }

    /// <summary>Whether two values hold the same bytes.</summary>
    public static bool operator ==(JsonExtensionData left, JsonExtensionData right) => left.Equals(right);

    /// <summary>Whether two values hold different bytes.</summary>
    public static bool operator !=(JsonExtensionData left, JsonExtensionData right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => _object.IsEmpty ? "{}" : Encoding.UTF8.GetString(_object.Span);
}
