using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.mcp_list_tools.completed</c>: listing an MCP server's tools finished.</summary>
[JsonModel(Discriminator = "response.mcp_list_tools.completed")]
[NativeEventKind(40)]
public sealed partial class McpListToolsCompletedEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public Utf8Text? ItemId { get; set; }

    public int? OutputIndex { get; set; }
}
