namespace ProtocolCore.Generators.Model;

/// <summary>One serialised property of a model.</summary>
/// <remarks>Plain values only: no Roslyn object survives the parser, so equal members compare equal across edits.</remarks>
/// <param name="InheritanceDepth">0 for a member the model declares, 1 for its base class's, and so on (the reader's fast path expects base members first, as servers write them).</param>
internal sealed record MemberSpec(
    string PropertyName,
    string JsonName,
    ValueSpec Value,
    bool IsNullable,
    string DeclaredTypeName,
    int InheritanceDepth);
