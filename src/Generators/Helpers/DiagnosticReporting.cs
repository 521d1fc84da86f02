using Microsoft.CodeAnalysis;

namespace ProtocolCore.Generators.Helpers;

internal static class DiagnosticReporting
{
    /// <summary>
    /// Reports diagnostics on their own pipeline, so source output depends on the specs only. Each is located in the
    /// compilation's tree (so #pragma warning disable works); the Combine sees no items unless a diagnostic exists, so in
    /// the normal case a compilation change costs nothing here.
    /// </summary>
    public static void ReportDiagnostics(this IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<DiagnosticInfo> diagnostics) =>
        context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider), static (spc, pair) =>
            spc.ReportDiagnostic(pair.Left.ToDiagnostic(pair.Right)));
}
