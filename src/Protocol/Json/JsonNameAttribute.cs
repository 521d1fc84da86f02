using System;

namespace ProtocolCore.Json;

/// <summary>Overrides the JSON member name of a model property (the default is the snake_case form of its name).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true, AllowMultiple = false)]
public sealed class JsonNameAttribute : Attribute
{
    public JsonNameAttribute(string name) => Name = name;

    public string Name { get; }
}
