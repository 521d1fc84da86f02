using System;

namespace ProtocolCore.Json;

/// <summary>Overrides the JSON member name of a model property (the default is the snake_case form of its name).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true, AllowMultiple = false)]
public sealed class JsonNameAttribute : Attribute
{
    /// <summary>Names the JSON member <paramref name="name"/>.</summary>
    public JsonNameAttribute(string name) => Name = name;

    /// <summary>The JSON member name, as written on the wire.</summary>
    public string Name { get; }
}
