using ProtocolCore.Generators.Helpers;

namespace ProtocolCore.Generators.Model;

/// <summary>A parser result: the spec (null when the declaration cannot be generated) and its diagnostics.</summary>
internal sealed record ParseResult<TSpec>(TSpec? Spec, ImmutableEquatableArray<DiagnosticInfo> Diagnostics)
    where TSpec : class;
