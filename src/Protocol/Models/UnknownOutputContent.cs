namespace ProtocolCore.Models;

/// <summary>An output content part whose <c>"type"</c> ProtocolCore does not know: its JSON, written back unchanged.</summary>
/// <remarks>The generator writes its members from <c>[JsonUnion(Fallback = typeof(UnknownOutputContent))]</c> on <see cref="OutputContent"/>.</remarks>
public sealed partial class UnknownOutputContent : OutputContent;
