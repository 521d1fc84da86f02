namespace ProtocolCore.Models;

/// <summary>A tool whose <c>"type"</c> ProtocolCore does not know: its JSON, written back unchanged.</summary>
/// <remarks>The generator writes its members from <c>[JsonUnion(Fallback = typeof(UnknownTool))]</c> on <see cref="Tool"/>.</remarks>
public sealed partial class UnknownTool : Tool;
