using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ProtocolCore.Generators.Tests;

/// <summary>One generator run: the driver (to run again after an edit), the compilation with the generated trees added, and what was reported.</summary>
internal sealed class GeneratorResult
{
    public GeneratorResult(GeneratorDriver driver, Compilation outputCompilation, ImmutableArray<Diagnostic> generatorDiagnostics)
    {
        Driver = driver;
        OutputCompilation = outputCompilation;
        GeneratorDiagnostics = generatorDiagnostics;
    }

    public GeneratorDriver Driver { get; }

    public Compilation OutputCompilation { get; }

    /// <summary>The PCG diagnostics the generator reported.</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; }

    public GeneratorRunResult RunResult => Driver.GetRunResult().Results.Single();

    /// <summary>Generated files by hint name.</summary>
    public ImmutableDictionary<string, string> GeneratedSources =>
        RunResult.GeneratedSources.ToImmutableDictionary(s => s.HintName, s => s.SourceText.ToString());

    /// <summary>Warnings and errors of the compilation that includes the generated code.</summary>
    public ImmutableArray<Diagnostic> CompilationDiagnostics =>
        OutputCompilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();
}
