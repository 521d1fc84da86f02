using ProtocolCore.Generators.Helpers;

namespace ProtocolCore.Generators.Model;

/// <summary>A <c>[JsonUnion]</c> base class; its cases are joined in from the model pipeline.</summary>
internal sealed record UnionSpec(
    string Namespace,
    string TypeName,
    string FullyQualifiedName,
    string Accessibility,
    string? FallbackTypeName)
{
    /// <summary>The fallback when it is a partial class the generator completes (see <see cref="FallbackSpec"/>).</summary>
    public FallbackSpec? GeneratedFallback { get; init; }
}

/// <summary>One case of a union, as the union's emitter needs it.</summary>
internal sealed record UnionCaseSpec(
    string UnionBase,
    string Discriminator,
    string FullyQualifiedName,
    string KindMemberName);

/// <summary>A union with the cases that derive from it, sorted by discriminator.</summary>
internal sealed record UnionWithCasesSpec(UnionSpec Union, ImmutableEquatableArray<UnionCaseSpec> Cases);
