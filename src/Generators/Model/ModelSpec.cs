using ProtocolCore.Generators.Helpers;

namespace ProtocolCore.Generators.Model;

/// <summary>Everything the emitter needs to write the reader and writer of one <c>[JsonModel]</c> class.</summary>
/// <remarks>
/// Equatable by value (strings, bools and <see cref="ImmutableEquatableArray{T}"/>): an edit that does not change any
/// of these leaves the pipeline step Cached/Unchanged and nothing is re-emitted.
/// </remarks>
internal sealed record ModelSpec(
    string Namespace,
    string TypeName,
    string FullyQualifiedName,
    string Accessibility,
    string? Discriminator,
    string? UnionBase,
    string? UnionKindEnum,
    string KindMemberName,
    ImmutableEquatableArray<MemberSpec> Members,
    string? ExtensionDataMember);
