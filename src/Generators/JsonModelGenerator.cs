using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ProtocolCore.Generators.Helpers;
using ProtocolCore.Generators.Model;

namespace ProtocolCore.Generators;

/// <summary>
/// Emits zero-reflection readers (over our <c>JsonScanner</c>) and writers (<c>Utf8JsonWriter</c>) for every
/// <c>[JsonModel]</c> class, the type dispatch of every <c>[JsonUnion]</c>, and string maps for <c>[JsonStringEnum]</c> enums.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class JsonModelGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, for incremental-caching tests.</summary>
    public static class StepNames
    {
        public const string Models = "ProtocolCore.Models";
        public const string Unions = "ProtocolCore.Unions";
        public const string Enums = "ProtocolCore.Enums";
        public const string UnionCases = "ProtocolCore.UnionCases";
    }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Per keystroke: ForAttributeWithMetadataName only looks at declarations that carry one of our attributes (a
        // syntactic check, then one attribute lookup). The transforms run the Parser, whose specs are equatable, so an
        // edit that does not change a spec stops here and nothing downstream re-runs or re-emits.
        IncrementalValuesProvider<ParseResult<ModelSpec>> models = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "ProtocolCore.Json.JsonModelAttribute",
                static (node, _) => node is ClassDeclarationSyntax,
                Parser.ParseModel)
            .WithTrackingName(StepNames.Models);

        IncrementalValuesProvider<ParseResult<UnionSpec>> unions = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "ProtocolCore.Json.JsonUnionAttribute",
                static (node, _) => node is ClassDeclarationSyntax,
                Parser.ParseUnion)
            .WithTrackingName(StepNames.Unions);

        IncrementalValuesProvider<ParseResult<EnumSpec>> enums = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "ProtocolCore.Json.JsonStringEnumAttribute",
                static (node, _) => node is EnumDeclarationSyntax,
                Parser.ParseEnum)
            .WithTrackingName(StepNames.Enums);

        // Diagnostics travel on their own pipeline: source output depends on the specs only.
        context.ReportDiagnostics(models.SelectMany(static (r, _) => r.Diagnostics));
        context.ReportDiagnostics(unions.SelectMany(static (r, _) => r.Diagnostics));
        context.ReportDiagnostics(enums.SelectMany(static (r, _) => r.Diagnostics));

        IncrementalValuesProvider<ModelSpec> modelSpecs = models
            .Where(static r => r.Spec is not null)
            .Select(static (r, _) => r.Spec!);

        context.RegisterSourceOutput(modelSpecs, static (spc, spec) =>
            spc.AddSource(Emitter.HintName(spec.Namespace, spec.TypeName), Emitter.EmitModel(spec)));

        context.RegisterSourceOutput(
            enums.Where(static r => r.Spec is not null).Select(static (r, _) => r.Spec!),
            static (spc, spec) => spc.AddSource(Emitter.HintName(spec.Namespace, spec.TypeName + "Json"), Emitter.EmitEnum(spec)));

        IncrementalValueProvider<ImmutableEquatableArray<UnionCaseSpec>> cases = modelSpecs
            .Where(static m => m.UnionBase is not null)
            .Select(static (m, _) => new UnionCaseSpec(m.UnionBase!, m.Discriminator!, m.FullyQualifiedName, m.KindMemberName))
            .Collect()
            .Select(static (all, _) => all
                .OrderBy(c => c.UnionBase, System.StringComparer.Ordinal)
                .ThenBy(c => c.Discriminator, System.StringComparer.Ordinal)
                .ToImmutableEquatableArray())
            .WithTrackingName(StepNames.UnionCases);

        IncrementalValuesProvider<UnionWithCasesSpec> unionsWithCases = unions
            .Where(static r => r.Spec is not null)
            .Combine(cases)
            .Select(static (pair, _) => new UnionWithCasesSpec(
                pair.Left.Spec!,
                pair.Right.Where(c => c.UnionBase == pair.Left.Spec!.FullyQualifiedName).ToImmutableEquatableArray()));

        // Duplicates are found only once every case is known, and specs hold no locations (that would make them
        // position-dependent), so the report looks the case up in the compilation. The Combine sees no items unless a
        // duplicate exists, so in the normal case a compilation change costs nothing here.
        IncrementalValuesProvider<DuplicateDiscriminatorSpec> duplicates = unionsWithCases
            .SelectMany(static (u, _) => FindDuplicateDiscriminators(u));
        context.RegisterSourceOutput(duplicates.Combine(context.CompilationProvider), static (spc, pair) =>
            spc.ReportDiagnostic(CreateDuplicateDiscriminatorDiagnostic(pair.Left, pair.Right)));
        context.RegisterSourceOutput(unionsWithCases, static (spc, spec) =>
            spc.AddSource(Emitter.HintName(spec.Union.Namespace, spec.Union.TypeName), Emitter.EmitUnion(spec)));
        context.RegisterSourceOutput(
            unions.Where(static r => r.Spec?.GeneratedFallback is not null).Select(static (r, _) => r.Spec!.GeneratedFallback!),
            static (spc, spec) => spc.AddSource(Emitter.HintName(spec.Namespace, spec.TypeName), Emitter.EmitFallback(spec)));
    }

    private static ImmutableEquatableArray<DuplicateDiscriminatorSpec> FindDuplicateDiscriminators(UnionWithCasesSpec spec)
    {
        // Cases are sorted by discriminator, so duplicates are neighbours.
        var found = ImmutableArray.CreateBuilder<DuplicateDiscriminatorSpec>();
        for (int i = 1; i < spec.Cases.Count; i++)
        {
            if (spec.Cases[i].Discriminator == spec.Cases[i - 1].Discriminator)
            {
                found.Add(new DuplicateDiscriminatorSpec(spec.Union.TypeName, spec.Cases[i - 1], spec.Cases[i]));
            }
        }

        return found.ToImmutableEquatableArray();
    }

    private static Diagnostic CreateDuplicateDiscriminatorDiagnostic(DuplicateDiscriminatorSpec duplicate, Compilation compilation)
    {
        // Cases are top-level and non-generic (PCG0003), so the qualified name without "global::" is the metadata name.
        string metadataName = duplicate.Second.FullyQualifiedName.Replace("global::", string.Empty).Replace("@", string.Empty);
        Location? location = compilation.GetTypeByMetadataName(metadataName)?.Locations.FirstOrDefault();
        return Diagnostic.Create(
            DiagnosticDescriptors.DuplicateDiscriminator,
            location,
            duplicate.First.FullyQualifiedName,
            duplicate.Second.FullyQualifiedName,
            duplicate.UnionTypeName,
            duplicate.Second.Discriminator);
    }
}
