using ProtocolCore.Generators.Helpers;

namespace ProtocolCore.Generators.Model;

/// <summary>A <c>[NativeEventKindTable]</c> class: the union's kind enum and every case with its ABI number.</summary>
/// <remarks>
/// Equatable by value (strings, ints and <see cref="ImmutableEquatableArray{T}"/>): a compilation that does not change
/// any event's number, kind or type string leaves the emit step cached.
/// </remarks>
internal sealed record EventKindTableSpec(
    string Namespace,
    string TypeName,
    bool IsStatic,
    string KindEnumName,
    ImmutableEquatableArray<NativeEventSpec> Events);
