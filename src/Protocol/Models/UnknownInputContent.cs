namespace ProtocolCore.Models;

/// <summary>An input content part whose <c>"type"</c> ProtocolCore does not know: its JSON, written back unchanged.</summary>
/// <remarks>The generator writes its members from <c>[JsonUnion(Fallback = typeof(UnknownInputContent))]</c> on <see cref="InputContent"/>.</remarks>
public sealed partial class UnknownInputContent : InputContent;
