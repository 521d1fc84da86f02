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

    /// <summary>
    /// For <see cref="ValueKind.JsonValue"/>: the union (<c>global::</c>-qualified) whose <c>JsonInstanceCache</c> the type's
    /// <c>ReadJson(ref reader, context, cache)</c> reads into (the union itself, or the union a hand-written subset such as
    /// <c>OutputItem</c> dispatches through), so a view decode reuses one instance per case at each place; null when the
    /// type has no such overload.
    /// </summary>
    public string? CacheUnionName { get; init; }

    /// <summary>
    /// For <see cref="ValueKind.JsonValue"/>: the hand-written type has <c>ReadJson(ref reader, context, T? reuse)</c>, which
    /// reads into the instance a view decode returned last time instead of a new one.
    /// </summary>
    public bool ReadsIntoPrevious { get; init; }

    /// <summary>A view decode can reuse what it read at this place last time (a model, a union case, a hand-written value).</summary>
    public bool IsReusable => IsModel || CacheUnionName is not null || ReadsIntoPrevious;
}
