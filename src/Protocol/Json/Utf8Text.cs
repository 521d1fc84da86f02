using System;
using System.Text;

namespace ProtocolCore.Json;

/// <summary>
/// A UTF-8 string value read from JSON, already unescaped. On the view path it points into the received message or into
/// the reader's pooled scratch and is valid only until the next decode on the same reader; <see cref="ToOwned"/> and
/// <see cref="ToString"/> make copies that live on.
/// </summary>
public readonly struct Utf8Text : IEquatable<Utf8Text>
{
    private readonly ReadOnlyMemory<byte> _utf8;

    /// <summary>Wraps UTF-8 text (already unescaped); the bytes are not copied.</summary>
    public Utf8Text(ReadOnlyMemory<byte> utf8) => _utf8 = utf8;

    /// <summary>The empty text.</summary>
    public static Utf8Text Empty => default;

    /// <summary>The UTF-8 bytes.</summary>
    public ReadOnlySpan<byte> Span => _utf8.Span;

    /// <summary>The UTF-8 bytes.</summary>
    public ReadOnlyMemory<byte> Memory => _utf8;

    /// <summary>The length in UTF-8 bytes (not characters).</summary>
    public int Length => _utf8.Length;

    /// <summary>True when the text has no bytes.</summary>
    public bool IsEmpty => _utf8.IsEmpty;

    /// <summary>Encodes <paramref name="value"/> into a new UTF-8 array.</summary>
    public static Utf8Text FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new Utf8Text(Encoding.UTF8.GetBytes(value));
    }

    /// <summary>Encodes a string into a new UTF-8 array.</summary>
    public static implicit operator Utf8Text(string value) => FromString(value);

    /// <summary>Copies the bytes into a new array, detaching the value from the reader's buffers.</summary>
    public Utf8Text ToOwned() => _utf8.IsEmpty ? default : new Utf8Text(_utf8.ToArray());

    /// <summary>Whether the text is exactly these UTF-8 bytes.</summary>
    public bool ValueEquals(ReadOnlySpan<byte> utf8) => _utf8.Span.SequenceEqual(utf8);

    /// <summary>
    /// Whether the text equals <paramref name="value"/>, compared without allocating for strings up to 256 bytes; false
    /// for null.
    /// </summary>
    public bool ValueEquals(string? value)
    {
        if (value is null)
        {
            return false;
        }

        // Compare without materialising a string: encode into a small stack buffer when it fits.
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (max <= 256)
        {
            Span<byte> buffer = stackalloc byte[256];
            int written = Encoding.UTF8.GetBytes(value, buffer);
            return _utf8.Span.SequenceEqual(buffer[..written]);
        }

        return _utf8.Span.SequenceEqual(Encoding.UTF8.GetBytes(value));
    }

    /// <inheritdoc/>
    public bool Equals(Utf8Text other) => _utf8.Span.SequenceEqual(other._utf8.Span);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Utf8Text other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        HashCode hash = default;
        hash.AddBytes(_utf8.Span);
        return hash.ToHashCode();
    }

    /// <summary>Whether two texts hold the same bytes.</summary>
    public static bool operator ==(Utf8Text left, Utf8Text right) => left.Equals(right);

    /// <summary>Whether two texts hold different bytes.</summary>
    public static bool operator !=(Utf8Text left, Utf8Text right) => !left.Equals(right);

    /// <summary>Materialises the text as a new <see cref="string"/> (allocates).</summary>
    public override string ToString() => Encoding.UTF8.GetString(_utf8.Span);
}
