namespace ProtocolCore.Models;

/// <summary>An input item whose <c>"type"</c> ProtocolCore does not know (or that has none): its JSON, written back unchanged. Also the way to send any item kind as raw JSON.</summary>
/// <remarks>The generator writes its members from <c>[JsonUnion(Fallback = typeof(UnknownInputItem))]</c> on <see cref="InputItem"/>.</remarks>
public sealed partial class UnknownInputItem : InputItem;
