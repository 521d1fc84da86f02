using System;
using System.ComponentModel;

namespace ProtocolCore.Json;

/// <summary>Overrides the JSON member name of a model property (the default is the snake_case form of its name).</summary>
/// <remarks>Read at build time by ProtocolCore's own source generator, which is not shipped: on types outside ProtocolCore it has no effect.</remarks>
[AttributeUsage(AttributeTargets.Property, Inherited = true, AllowMultiple = false)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class JsonNameAttribute : Attribute
{
    /// <summary>Names the JSON member <paramref name="name"/>.</summary>
    public JsonNameAttribute(string name) => Name = name;

    /// <summary>The JSON member name, as written on the wire.</summary>
    public string Name { get; }
}
