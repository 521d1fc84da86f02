using ProtocolCore.Generators.Helpers;

namespace ProtocolCore.Generators.Model;

/// <summary>
/// A <c>[NativeEventFieldReader]</c> class: each of its field-reading partial methods with, per event, which of the
/// method's <c>out</c> parameters the event has a property for.
/// </summary>
/// <remarks>Equatable by value, like every spec: see <see cref="EventKindTableSpec"/>.</remarks>
internal sealed record EventFieldReaderSpec(
    string Namespace,
    string TypeName,
    bool IsStatic,
    string KindEnumName,
    ImmutableEquatableArray<FieldReaderMethodSpec> Methods);

/// <summary>
/// <c>static partial void Name(Union e, out T1 a, out T2 b, ...)</c>: each <c>out</c> parameter receives the event's
/// property of the same name (PascalCase) and type, or <c>default</c> when the event has none.
/// </summary>
internal sealed record FieldReaderMethodSpec(
    string Accessibility,
    string Name,
    string UnionTypeName,
    string EventParameterName,
    ImmutableEquatableArray<FieldParameterSpec> Outputs,
    ImmutableEquatableArray<FieldReaderCaseSpec> Cases);

/// <summary>One <c>out</c> parameter of a field-reading method and the property it reads.</summary>
internal sealed record FieldParameterSpec(string Name, string TypeName, string PropertyName);

/// <summary>An event that has at least one of the method's properties, and the parameters it fills.</summary>
internal sealed record FieldReaderCaseSpec(
    string FullyQualifiedName,
    string KindMemberName,
    ImmutableEquatableArray<FieldParameterSpec> Assigned);
