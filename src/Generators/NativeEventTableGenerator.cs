using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ProtocolCore.Generators.Helpers;
using ProtocolCore.Generators.Model;

namespace ProtocolCore.Generators;

/// <summary>
/// Emits the native library's event tables from the event declarations: for a <c>[NativeEventKindTable]</c> class the
/// ABI kind of every union kind and the <c>"type"</c> string of every ABI kind (from each case's
/// <c>[NativeEventKind]</c>), and for a <c>[NativeEventFieldReader]</c> class the body of each field-reading partial
/// method (from the cases' properties). A new event type is then one declaration: its class.
/// </summary>
/// <remarks>
/// The events live in a referenced assembly, so the parser reads them as metadata symbols from the union's assembly
/// (in a test compilation they may be source symbols; the parser does not care which).
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed partial class NativeEventTableGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, for incremental-caching tests.</summary>
    public static class StepNames
    {
        public const string KindTables = "ProtocolCore.NativeKindTables";
        public const string FieldReaders = "ProtocolCore.NativeFieldReaders";
    }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParseResult<EventKindTableSpec>> kindTables = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                Parser.KindTableAttributeName,
                static (node, _) => node is ClassDeclarationSyntax,
                Parser.ParseKindTable)
            .WithTrackingName(StepNames.KindTables);

        IncrementalValuesProvider<ParseResult<EventFieldReaderSpec>> fieldReaders = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                Parser.FieldReaderAttributeName,
                static (node, _) => node is ClassDeclarationSyntax,
                Parser.ParseFieldReader)
            .WithTrackingName(StepNames.FieldReaders);

        context.ReportDiagnostics(kindTables.SelectMany(static (r, _) => r.Diagnostics));
        context.ReportDiagnostics(fieldReaders.SelectMany(static (r, _) => r.Diagnostics));

        context.RegisterSourceOutput(
            kindTables.Where(static r => r.Spec is not null).Select(static (r, _) => r.Spec!),
            static (spc, spec) => spc.AddSource(Emitter.HintName(spec.Namespace, spec.TypeName, "NativeEventKinds"), Emitter.EmitKindTable(spec)));

        context.RegisterSourceOutput(
            fieldReaders.Where(static r => r.Spec is not null).Select(static (r, _) => r.Spec!),
            static (spc, spec) => spc.AddSource(Emitter.HintName(spec.Namespace, spec.TypeName, "NativeEventFields"), Emitter.EmitFieldReader(spec)));
    }
}
