using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.mcp_list_tools.in_progress</c>: listing an MCP server's tools started.</summary>
[JsonModel(Discriminator = "response.mcp_list_tools.in_progress")]
[NativeEventKind(42)]
public sealed partial class McpListToolsInProgressEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The id of the output item this event is about.</summary>
    public Utf8Text? ItemId { get; set; }

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }
}
