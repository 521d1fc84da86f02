using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ProtocolCore.Generators.Tests;

/// <summary>
/// Builds test compilations and runs the generators over them (<see cref="JsonModelGenerator"/> and
/// <see cref="NativeEventTableGenerator"/>, both, as a library referencing the generator assembly would).
/// </summary>
internal static class CompilationHelper
{
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    private static readonly CSharpCompilationOptions s_compilationOptions = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable);

    // Built once: reading ~200 metadata files per test would dominate the run time.
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(CreateReferences);

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "TestAssembly",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{i}.cs")),
            s_references.Value,
            s_compilationOptions);

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            new[] { new JsonModelGenerator().AsSourceGenerator(), new NativeEventTableGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorResult RunGenerator(params string[] sources) => RunGenerator(CreateCompilation(sources));

    public static GeneratorResult RunGenerator(Compilation compilation, GeneratorDriver? driver = null)
    {
        driver = (driver ?? CreateDriver()).RunGeneratorsAndUpdateCompilation(
            compilation,
            out Compilation outputCompilation,
            out ImmutableArray<Diagnostic> generatorDiagnostics);
        return new GeneratorResult(driver, outputCompilation, generatorDiagnostics);
    }

    private static ImmutableArray<MetadataReference> CreateReferences()
    {
        // The shared framework the tests run on (net10.0), taken from the host's trusted platform assemblies; other
        // entries on that list (xunit, Roslyn, the generator) are not something a user compilation would reference.
        string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var paths = new List<string>();
        foreach (string path in ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator))
        {
            if (string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal))
            {
                paths.Add(path);
            }
        }

        paths.Add(typeof(ProtocolCore.Json.JsonModelAttribute).Assembly.Location);
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }
}
