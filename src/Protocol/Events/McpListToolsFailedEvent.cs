using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.mcp_list_tools.failed</c>: listing an MCP server's tools failed.</summary>
[JsonModel(Discriminator = "response.mcp_list_tools.failed")]
[NativeEventKind(41)]
public sealed partial class McpListToolsFailedEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The id of the output item this event is about.</summary>
    public Utf8Text? ItemId { get; set; }

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }
}
