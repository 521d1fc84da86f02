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

    public bool IsKnown => UnknownValue is null;

    public static StringEnum<TEnum> Known(TEnum value) => new(value, null);

    public static StringEnum<TEnum> Unknown(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(default, value);
    }

    public static implicit operator StringEnum<TEnum>(TEnum value) => Known(value);

    public bool Is(TEnum value) => IsKnown && Value.Equals(value);

    public bool Equals(StringEnum<TEnum> other) =>
        IsKnown ? other.IsKnown && Value.Equals(other.Value) : string.Equals(UnknownValue, other.UnknownValue, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is StringEnum<TEnum> other && Equals(other);

    public override int GetHashCode() => IsKnown ? Value.GetHashCode() : StringComparer.Ordinal.GetHashCode(UnknownValue!);

    public static bool operator ==(StringEnum<TEnum> left, StringEnum<TEnum> right) => left.Equals(right);

    public static bool operator !=(StringEnum<TEnum> left, StringEnum<TEnum> right) => !left.Equals(right);

    public override string ToString() => IsKnown ? Value.ToString() : UnknownValue!;
}
