using System;
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

    /// <summary>What <see cref="JsonModelGenerator"/> did.</summary>
    public GeneratorRunResult RunResult => Of(typeof(JsonModelGenerator));

    /// <summary>What <see cref="NativeEventTableGenerator"/> did.</summary>
    public GeneratorRunResult NativeRunResult => Of(typeof(NativeEventTableGenerator));

    /// <summary>Exceptions either generator threw (a generator exception surfaces as CS8785, not as a test failure).</summary>
    public ImmutableArray<Exception> Exceptions =>
        Driver.GetRunResult().Results.Where(r => r.Exception is not null).Select(r => r.Exception!).ToImmutableArray();

    /// <summary>Files both generators wrote, by hint name.</summary>
    public ImmutableDictionary<string, string> GeneratedSources =>
        Driver.GetRunResult().Results
            .SelectMany(r => r.GeneratedSources)
            .ToImmutableDictionary(s => s.HintName, s => s.SourceText.ToString());

    private GeneratorRunResult Of(Type generatorType) =>
        Driver.GetRunResult().Results.Single(r => r.Generator.GetGeneratorType() == generatorType);

    /// <summary>Warnings and errors of the compilation that includes the generated code.</summary>
    public ImmutableArray<Diagnostic> CompilationDiagnostics =>
        OutputCompilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();
}
