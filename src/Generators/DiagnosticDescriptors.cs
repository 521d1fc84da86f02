using System;
using Microsoft.CodeAnalysis;

namespace ProtocolCore.Generators;

/// <summary>Everything the generator reports; documented in docs/diagnostics.md.</summary>
/// <remarks>
/// Keep in sync with docs/diagnostics.md and AnalyzerReleases.Unshipped.md. The descriptors are fields, not properties,
/// because the release-tracking analyzer (RS2000-RS2008) only sees descriptors created in field initialisers.
/// </remarks>
internal static class DiagnosticDescriptors
{
    private const string Category = "ProtocolCore.Generators";

    public static readonly DiagnosticDescriptor UnsupportedMemberType = new(
        "PCG0001",
        "Member type cannot be serialised",
        "Property '{0}' of '{1}' has type '{2}', which the ProtocolCore generator cannot serialise",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor TypeNotPartial = new(
        "PCG0002",
        "Serialisable type must be partial",
        "Type '{0}' must be declared partial so the generator can add its reader and writer",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NestedOrGenericType = new(
        "PCG0003",
        "Serialisable type must be a top-level, non-generic type",
        "Type '{0}' is nested or generic; declare it at namespace level without type parameters",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateJsonName = new(
        "PCG0004",
        "Two members share a JSON name",
        "Property '{0}' of '{1}' uses JSON name '{2}', which another member already uses",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor MissingParameterlessConstructor = new(
        "PCG0005",
        "Model needs an accessible parameterless constructor",
        "Type '{0}' must be a non-abstract class with a parameterless constructor the generated reader can call",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidUnionFallback = new(
        "PCG0006",
        "Union fallback type is invalid",
        "Fallback '{0}' of union '{1}' must derive from it and either be a partial class declaring no constructor (the generator completes it) or have a constructor taking (string, ProtocolCore.Json.RawJson)",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnionNotAbstract = new(
        "PCG0007",
        "Union type must be abstract",
        "Union '{0}' must be an abstract partial class",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateDiscriminator = new(
        "PCG0008",
        "Two union cases share a discriminator",
        "Cases '{0}' and '{1}' of union '{2}' both use discriminator '{3}'",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor CaseWithoutDiscriminator = new(
        "PCG0009",
        "Union case has no discriminator",
        "Type '{0}' derives from union '{1}' but its [JsonModel] sets no Discriminator",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NativeTableNeedsUnion = new(
        "PCG0010",
        "Native event table needs a union",
        "'{0}' names '{1}', which is not a [JsonUnion] class",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor MissingNativeEventKind = new(
        "PCG0011",
        "Event has no native kind",
        "Event '{0}' of union '{1}' needs [NativeEventKind(n)] with n of 1 or more to be numbered in the native ABI",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateNativeEventKind = new(
        "PCG0012",
        "Two events share a native kind",
        "Events '{0}' and '{1}' both declare native event kind {2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnmatchedFieldParameter = new(
        "PCG0013",
        "Field parameter matches no event property",
        "Parameter '{0}' of '{1}' matches no property '{2}' of type '{3}' on any case of '{4}'",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static DiagnosticDescriptor ById(string id) => id switch
    {
        "PCG0001" => UnsupportedMemberType,
        "PCG0002" => TypeNotPartial,
        "PCG0003" => NestedOrGenericType,
        "PCG0004" => DuplicateJsonName,
        "PCG0005" => MissingParameterlessConstructor,
        "PCG0006" => InvalidUnionFallback,
        "PCG0007" => UnionNotAbstract,
        "PCG0008" => DuplicateDiscriminator,
        "PCG0009" => CaseWithoutDiscriminator,
        "PCG0010" => NativeTableNeedsUnion,
        "PCG0011" => MissingNativeEventKind,
        "PCG0012" => DuplicateNativeEventKind,
        "PCG0013" => UnmatchedFieldParameter,
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "Unknown diagnostic id."),
    };
}
