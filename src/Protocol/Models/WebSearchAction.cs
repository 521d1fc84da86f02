using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>The <c>action</c> of a <c>web_search_call</c>, by its <c>"type"</c>.</summary>
[JsonUnion(Fallback = typeof(UnknownWebSearchAction))]
public abstract partial class WebSearchAction
{
}
