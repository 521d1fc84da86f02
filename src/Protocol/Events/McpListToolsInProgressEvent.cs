using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.mcp_list_tools.in_progress</c>: listing an MCP server's tools started.</summary>
[JsonModel(Discriminator = "response.mcp_list_tools.in_progress")]
[NativeEventKind(42)]
public sealed partial class McpListToolsInProgressEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public Utf8Text? ItemId { get; set; }

    public int? OutputIndex { get; set; }
}
