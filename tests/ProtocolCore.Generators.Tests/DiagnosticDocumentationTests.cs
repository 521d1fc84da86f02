using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace ProtocolCore.Generators.Tests;

/// <summary>docs/diagnostics.md and the release-tracking file must list every descriptor as DiagnosticDescriptors.cs defines it.</summary>
public sealed class DiagnosticDocumentationTests
{
    public static TheoryData<string> Ids => new(Descriptors().Select(d => d.Id));

    [Fact]
    public void IdsAreContiguousFromPCG0001()
    {
        string[] ids = Descriptors().Select(d => d.Id).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, ids.Length).Select(i => $"PCG{i:0000}"), ids);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void DescriptorIsDocumented(string id)
    {
        DiagnosticDescriptor descriptor = DiagnosticDescriptors.ById(id);
        string docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "diagnostics.md"));

        Assert.Contains($"| {id} | {descriptor.DefaultSeverity} |", docs);
        Assert.Contains($"### {id}: {descriptor.Title}", docs);
        Assert.Contains($"> {descriptor.MessageFormat}", docs);
    }

    private static IEnumerable<DiagnosticDescriptor> Descriptors() =>
        typeof(DiagnosticDescriptors)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!);
}
