namespace ProtocolCore.Generators.Model;

/// <summary>
/// The shape of one value: its kind, the C# type it reads into (<c>global::</c>-qualified), and for collections the
/// element shape.
/// </summary>
/// <remarks>Holds strings and nested specs only, so it compares by value and incremental caching holds.</remarks>
internal sealed record ValueSpec(ValueKind Kind, string TypeName, ValueSpec? Element)
{
    /// <summary>For <see cref="ValueKind.StringEnum"/>: the generated class converting the enum to and from JSON strings.</summary>
    public string? ConverterName { get; init; }

    /// <summary>
    /// For <see cref="ValueKind.JsonValue"/>: the type is a generated model (not a union or a hand-written value), so a
    /// reused parent can read into the instance it kept from the previous decode instead of allocating a new one.
    /// </summary>
    public bool IsModel { get; init; }
}
