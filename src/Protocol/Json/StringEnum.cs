using System;

namespace ProtocolCore.Json;

/// <summary>
/// An enum read from a JSON string. A string the enum does not know is kept in <see cref="UnknownValue"/> (never fatal)
/// and written back unchanged.
/// </summary>
public readonly struct StringEnum<TEnum> : IEquatable<StringEnum<TEnum>> where TEnum : struct, Enum
{
    private StringEnum(TEnum value, string? unknownValue)
    {
        Value = value;
        UnknownValue = unknownValue;
    }

    /// <summary>The known value; <c>default</c> when <see cref="IsKnown"/> is false.</summary>
    public TEnum Value { get; }

    /// <summary>The JSON string when the enum has no member for it.</summary>
    public string? UnknownValue { get; }

    /// <summary>
    /// True when the string is a member of <typeparamref name="TEnum"/> (then <see cref="Value"/> holds it).
    /// </summary>
    public bool IsKnown => UnknownValue is null;

    /// <summary>A known value.</summary>
    public static StringEnum<TEnum> Known(TEnum value) => new(value, null);

    /// <summary>A string <typeparamref name="TEnum"/> has no member for, written back as it is.</summary>
    public static StringEnum<TEnum> Unknown(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(default, value);
    }

    /// <summary>A known value.</summary>
    public static implicit operator StringEnum<TEnum>(TEnum value) => Known(value);

    /// <summary>True when this is the known value <paramref name="value"/>.</summary>
    public bool Is(TEnum value) => IsKnown && Value.Equals(value);

    /// <inheritdoc/>
    public bool Equals(StringEnum<TEnum> other) =>
        IsKnown ? other.IsKnown && Value.Equals(other.Value) : string.Equals(UnknownValue, other.UnknownValue, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is StringEnum<TEnum> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => IsKnown ? Value.GetHashCode() : StringComparer.Ordinal.GetHashCode(UnknownValue!);

    /// <summary>Whether two values are the same known member or the same unknown string.</summary>
    public static bool operator ==(StringEnum<TEnum> left, StringEnum<TEnum> right) => left.Equals(right);

    /// <summary>Whether two values differ.</summary>
    public static bool operator !=(StringEnum<TEnum> left, StringEnum<TEnum> right) => !left.Equals(right);

    /// <summary>The member name when known (<c>InProgress</c>), else the unknown string as received.</summary>
    public override string ToString() => IsKnown ? Value.ToString() : UnknownValue!;
}
