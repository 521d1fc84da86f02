using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>An item of <c>response.output</c> (and of <c>response.output_item.*</c> events), by its <c>"type"</c>.</summary>
[JsonUnion(Fallback = typeof(UnknownOutputItem))]
public abstract partial class OutputItem
{
}
