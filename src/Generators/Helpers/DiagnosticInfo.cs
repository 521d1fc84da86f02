using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ProtocolCore.Generators.Helpers;

/// <summary>
/// A diagnostic held as plain values (descriptor id, file, span, message arguments) so the pipeline that carries it stays
/// equatable; the <see cref="Location"/> is rebuilt only when it is reported.
/// </summary>
internal sealed record DiagnosticInfo(
    string DescriptorId,
    string FilePath,
    TextSpan Span,
    LinePositionSpan LineSpan,
    ImmutableEquatableArray<string> MessageArgs)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] messageArgs)
    {
        FileLinePositionSpan lineSpan = location?.GetLineSpan() ?? default;
        return new DiagnosticInfo(
            descriptor.Id,
            lineSpan.Path ?? string.Empty,
            location?.SourceSpan ?? default,
            lineSpan.Span,
            messageArgs.ToImmutableEquatableArray());
    }

    /// <summary>
    /// The diagnostic, located in <paramref name="compilation"/>'s own syntax tree when the file is one of them: only a
    /// location in a tree of the compilation lets <c>#pragma warning disable</c> (and the editor's squiggle) apply; a
    /// location built from a path alone is "external" to the compiler.
    /// </summary>
    public Diagnostic ToDiagnostic(Compilation compilation)
    {
        DiagnosticDescriptor descriptor = DiagnosticDescriptors.ById(DescriptorId);
        Location location = Location.None;
        if (FilePath.Length != 0)
        {
            SyntaxTree? tree = compilation.SyntaxTrees.FirstOrDefault(t => string.Equals(t.FilePath, FilePath, StringComparison.Ordinal));
            location = tree is not null && Span.End <= tree.Length ? Location.Create(tree, Span) : Location.Create(FilePath, Span, LineSpan);
        }

        return Diagnostic.Create(descriptor, location, MessageArgs.Cast<object>().ToArray());
    }
}
