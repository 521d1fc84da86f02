using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>A tool the model may use (<c>tools[]</c>), by its <c>"type"</c>.</summary>
[JsonUnion(Fallback = typeof(UnknownTool))]
public abstract partial class Tool
{
}
