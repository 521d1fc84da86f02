namespace ProtocolCore.Models;

/// <summary>An output item whose <c>"type"</c> ProtocolCore does not know: its JSON, written back unchanged.</summary>
/// <remarks>The generator writes its members from <c>[JsonUnion(Fallback = typeof(UnknownOutputItem))]</c> on <see cref="OutputItem"/>.</remarks>
public sealed partial class UnknownOutputItem : OutputItem;
