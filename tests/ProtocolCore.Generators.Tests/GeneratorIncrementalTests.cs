using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ProtocolCore.Generators.Helpers;
using ProtocolCore.Generators.Model;

namespace ProtocolCore.Generators.Tests;

/// <summary>
/// Equivalent edits must stop at the parse steps (outputs Cached or Unchanged, nothing re-emitted); real edits must
/// reach them (Modified). Specs must hold no Roslyn object, or equality would be by reference and caching would fail.
/// </summary>
public sealed class GeneratorIncrementalTests
{
    private static readonly string[] s_parseSteps =
    {
        JsonModelGenerator.StepNames.Models,
        JsonModelGenerator.StepNames.Unions,
        JsonModelGenerator.StepNames.Enums,
        JsonModelGenerator.StepNames.UnionCases,
    };

    [Fact]
    public void AddingACommentLeavesEveryStepCached()
    {
        AssertEquivalentEdit(
            (compilation, tree) => compilation.ReplaceSyntaxTree(
                tree,
                tree.WithChangedText(tree.GetText().Replace(0, 0, "// A comment that moves every declaration down a line.\n"))));
    }

    [Fact]
    public void ChangingWhitespaceInsideAModelLeavesEveryStepCached()
    {
        const string Declaration = "public int? SequenceNumber { get; set; }";
        AssertEquivalentEdit((compilation, tree) =>
        {
            string text = tree.GetText().ToString();
            Assert.Contains(Declaration, text, StringComparison.Ordinal);
            return compilation.ReplaceSyntaxTree(
                tree,
                tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(
                    text.Replace(Declaration, "public   int?   SequenceNumber  {  get;  set;  }\n\n", StringComparison.Ordinal))));
        });
    }

    [Fact]
    public void AddingAnUnrelatedClassInAnotherFileLeavesEveryStepCached()
    {
        AssertEquivalentEdit(
            (compilation, _) => compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
                "namespace Other; public sealed class Unrelated { public int Value { get; set; } }",
                CompilationHelper.ParseOptions,
                path: "Unrelated.cs")));
    }

    [Fact]
    public void RenamingAPropertyModifiesTheModel()
    {
        GeneratorRunResult run = RunAfterEdit(TestSources.RichModel, "public int InputTokens", "public int PromptTokens");

        AssertModified(run, JsonModelGenerator.StepNames.Models);
        Assert.Contains(run.GeneratedSources, s => s.SourceText.ToString().Contains("\"prompt_tokens\"u8", StringComparison.Ordinal));
    }

    [Fact]
    public void ChangingAJsonNameModifiesTheModel()
    {
        GeneratorRunResult run = RunAfterEdit(TestSources.RichModel, "[JsonName(\"msg_id\")]", "[JsonName(\"message_id\")]");

        AssertModified(run, JsonModelGenerator.StepNames.Models);
        Assert.Contains(run.GeneratedSources, s => s.SourceText.ToString().Contains("\"message_id\"u8", StringComparison.Ordinal));
    }

    [Fact]
    public void ChangingADiscriminatorModifiesTheUnionCases()
    {
        GeneratorRunResult run = RunAfterEdit(TestSources.Union, "\"stream.started\"", "\"stream.begun\"");

        AssertModified(run, JsonModelGenerator.StepNames.Models);
        AssertModified(run, JsonModelGenerator.StepNames.UnionCases);
    }

    [Fact]
    public void ChangingAStringValueModifiesTheEnum()
    {
        GeneratorRunResult run = RunAfterEdit(TestSources.StringEnum, "[JsonStringValue(\"canceled\")]", "[JsonStringValue(\"aborted\")]");

        AssertModified(run, JsonModelGenerator.StepNames.Enums);
    }

    [Fact]
    public void AddingACommentLeavesTheNativeTablesCached()
    {
        Compilation compilation = CompilationHelper.CreateCompilation(TestSources.NativeTables, TestSources.NativeTableAttributes);
        GeneratorResult first = CompilationHelper.RunGenerator(compilation);
        SyntaxTree tree = compilation.SyntaxTrees.First();

        GeneratorRunResult second = CompilationHelper.RunGenerator(
            compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText().Replace(0, 0, "// Moves every declaration down a line.\n"))),
            first.Driver).NativeRunResult;

        foreach (string name in new[] { NativeEventTableGenerator.StepNames.KindTables, NativeEventTableGenerator.StepNames.FieldReaders })
        {
            (object Value, IncrementalStepRunReason Reason)[] outputs = Outputs(second, name);
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"{name}: {o.Reason} for {o.Value}"));
        }

        var sourceOutputs = second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(sourceOutputs);
        Assert.All(
            sourceOutputs,
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"output step: {o.Reason}"));
    }

    [Fact]
    public void ChangingANativeKindModifiesTheKindTable()
    {
        const string Old = "[NativeEventKind(2)]";
        Compilation compilation = CompilationHelper.CreateCompilation(TestSources.NativeTables, TestSources.NativeTableAttributes);
        GeneratorResult first = CompilationHelper.RunGenerator(compilation);
        SyntaxTree tree = compilation.SyntaxTrees.First();
        string edited = tree.GetText().ToString().Replace(Old, "[NativeEventKind(3)]", StringComparison.Ordinal);
        Assert.NotEqual(tree.GetText().ToString(), edited);

        GeneratorResult second = CompilationHelper.RunGenerator(
            compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(edited))),
            first.Driver);

        Assert.Empty(second.GeneratorDiagnostics);
        AssertModified(second.NativeRunResult, NativeEventTableGenerator.StepNames.KindTables);
        Assert.Contains(second.GeneratedSources, s => s.Value.Contains("3 => \"stream.started\",", StringComparison.Ordinal));
    }

    [Fact]
    public void SpecTypesHoldNoRoslynObjects()
    {
        Type[] specTypes = typeof(JsonModelGenerator).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(ModelSpec).Namespace)
            .Append(typeof(DiagnosticInfo))
            .Append(typeof(ImmutableEquatableArray<>))
            .Append(typeof(ParseResult<ModelSpec>))
            .Append(typeof(ParseResult<UnionSpec>))
            .Append(typeof(ParseResult<EnumSpec>))
            .Append(typeof(ImmutableEquatableArray<UnionCaseSpec>))
            .Append(typeof(ParseResult<EventKindTableSpec>))
            .Append(typeof(ParseResult<EventFieldReaderSpec>))
            .ToArray();

        // Guard against a vacuous pass: the walk must see the specs it claims to check.
        Assert.Contains(typeof(ModelSpec), specTypes);
        Assert.Contains(typeof(UnionWithCasesSpec), specTypes);
        Assert.Contains(typeof(EventFieldReaderSpec), specTypes);
        Assert.Empty(specTypes.SelectMany(RoslynReferenceFinder.FindInTypes));
    }

    [Fact]
    public void StepOutputsHoldNoRoslynObjects()
    {
        // Includes a source with diagnostics, so DiagnosticInfo values (with their spans) are walked too.
        GeneratorRunResult run = CompilationHelper.RunGenerator(
            TestSources.Union,
            TestSources.RichModel,
            TestSources.StringEnum,
            "namespace Demo; [ProtocolCore.Json.JsonModel] public sealed class NotPartial { }").RunResult;

        var outputs = s_parseSteps
            .SelectMany(name => run.TrackedSteps[name])
            .SelectMany(step => step.Outputs)
            .Select(output => output.Value)
            .ToList();

        Assert.Contains(outputs, o => o is ParseResult<ModelSpec> { Diagnostics.Count: > 0 });
        Assert.Contains(outputs, o => o is ParseResult<ModelSpec> { Spec: not null });
        Assert.Empty(outputs.SelectMany(RoslynReferenceFinder.FindInValue));
    }

    [Fact]
    public void TheWalkFindsARoslynObjectWhenThereIsOne()
    {
        // The two tests above are only as good as the walk: prove it sees a Location through a field and an array.
        Location location = CompilationHelper.CreateCompilation("class C { }").SyntaxTrees[0].GetRoot().GetLocation();

        Assert.NotEmpty(RoslynReferenceFinder.FindInTypes(typeof(LeakySpec)));
        Assert.NotEmpty(RoslynReferenceFinder.FindInValue(new LeakySpec("ok", new object[] { location })));
        Assert.Empty(RoslynReferenceFinder.FindInValue(new LeakySpec("ok", new object[] { "fine" })));
    }

    private static void AssertEquivalentEdit(Func<Compilation, SyntaxTree, Compilation> edit)
    {
        Compilation compilation = CompilationHelper.CreateCompilation(TestSources.Union, TestSources.RichModel, TestSources.StringEnum);
        GeneratorResult first = CompilationHelper.RunGenerator(compilation);

        GeneratorRunResult second = CompilationHelper.RunGenerator(edit(compilation, compilation.SyntaxTrees.First()), first.Driver).RunResult;

        foreach (string name in s_parseSteps)
        {
            (object Value, IncrementalStepRunReason Reason)[] outputs = Outputs(second, name);
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"{name}: {o.Reason} for {o.Value}"));
        }

        // Nothing downstream of the specs ran again: no file was re-emitted, no diagnostic re-reported.
        var sourceOutputs = second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(sourceOutputs);
        Assert.All(
            sourceOutputs,
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"output step: {o.Reason}"));
        Assert.Equal(first.RunResult.GeneratedSources.Length, second.GeneratedSources.Length);
    }

    private static GeneratorRunResult RunAfterEdit(string source, string oldText, string newText)
    {
        Assert.Contains(oldText, source, StringComparison.Ordinal);
        Compilation compilation = CompilationHelper.CreateCompilation(source);
        GeneratorResult first = CompilationHelper.RunGenerator(compilation);
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        SyntaxTree edited = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(source.Replace(oldText, newText, StringComparison.Ordinal)));

        GeneratorResult second = CompilationHelper.RunGenerator(compilation.ReplaceSyntaxTree(tree, edited), first.Driver);
        Assert.Empty(second.GeneratorDiagnostics);
        return second.RunResult;
    }

    private static void AssertModified(GeneratorRunResult run, string stepName) =>
        Assert.Contains(Outputs(run, stepName), o => o.Reason == IncrementalStepRunReason.Modified);

    private static (object Value, IncrementalStepRunReason Reason)[] Outputs(GeneratorRunResult run, string stepName) =>
        run.TrackedSteps[stepName].SelectMany(step => step.Outputs).ToArray();

    private sealed record LeakySpec(string Name, IReadOnlyList<object> Items);
}
