namespace ProtocolCore.Generators.Model;

/// <summary>One serialised property of a model.</summary>
/// <remarks>Plain values only: no Roslyn object survives the parser, so equal members compare equal across edits.</remarks>
internal sealed record MemberSpec(
    string PropertyName,
    string JsonName,
    ValueSpec Value,
    bool IsNullable,
    string DeclaredTypeName);
