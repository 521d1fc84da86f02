using System;

namespace ProtocolCore.Json;

/// <summary>Overrides the JSON string of one member of a <see cref="JsonStringEnumAttribute"/> enum.</summary>
[AttributeUsage(AttributeTargets.Field, Inherited = false, AllowMultiple = false)]
public sealed class JsonStringValueAttribute : Attribute
{
    public JsonStringValueAttribute(string value) => Value = value;

    public string Value { get; }
}
