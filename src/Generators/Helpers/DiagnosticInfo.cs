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

    public Diagnostic ToDiagnostic()
    {
        DiagnosticDescriptor descriptor = DiagnosticDescriptors.ById(DescriptorId);
        Location location = FilePath.Length == 0 ? Location.None : Location.Create(FilePath, Span, LineSpan);
        return Diagnostic.Create(descriptor, location, MessageArgs.Cast<object>().ToArray());
    }
}
