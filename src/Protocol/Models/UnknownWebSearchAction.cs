namespace ProtocolCore.Models;

/// <summary>A web search action whose <c>"type"</c> ProtocolCore does not know: its JSON, written back unchanged.</summary>
/// <remarks>The generator writes its members from <c>[JsonUnion(Fallback = typeof(UnknownWebSearchAction))]</c> on <see cref="WebSearchAction"/>.</remarks>
public sealed partial class UnknownWebSearchAction : WebSearchAction;
