using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.mcp_list_tools.failed</c>: listing an MCP server's tools failed.</summary>
[JsonModel(Discriminator = "response.mcp_list_tools.failed")]
[NativeEventKind(41)]
public sealed partial class McpListToolsFailedEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public Utf8Text? ItemId { get; set; }

    public int? OutputIndex { get; set; }
}
