using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.mcp_call.in_progress</c>: an MCP tool call started.</summary>
[JsonModel(Discriminator = "response.mcp_call.in_progress")]
[NativeEventKind(37)]
public sealed partial class McpCallInProgressEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public Utf8Text? ItemId { get; set; }

    public int? OutputIndex { get; set; }
}
