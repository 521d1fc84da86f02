using System;

namespace ProtocolCore.Json;

/// <summary>Overrides the JSON string of one member of a <see cref="JsonStringEnumAttribute"/> enum.</summary>
[AttributeUsage(AttributeTargets.Field, Inherited = false, AllowMultiple = false)]
public sealed class JsonStringValueAttribute : Attribute
{
    /// <summary>Writes and reads the enum member as <paramref name="value"/>.</summary>
    public JsonStringValueAttribute(string value) => Value = value;

    /// <summary>The JSON string of the enum member.</summary>
    public string Value { get; }
}
