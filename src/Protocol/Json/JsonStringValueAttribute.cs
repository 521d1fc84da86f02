using System;
using System.ComponentModel;

namespace ProtocolCore.Json;

/// <summary>Overrides the JSON string of one member of a <see cref="JsonStringEnumAttribute"/> enum.</summary>
/// <remarks>Read at build time by ProtocolCore's own source generator, which is not shipped: on types outside ProtocolCore it has no effect.</remarks>
[AttributeUsage(AttributeTargets.Field, Inherited = false, AllowMultiple = false)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class JsonStringValueAttribute : Attribute
{
    /// <summary>Writes and reads the enum member as <paramref name="value"/>.</summary>
    public JsonStringValueAttribute(string value) => Value = value;

    /// <summary>The JSON string of the enum member.</summary>
    public string Value { get; }
}
