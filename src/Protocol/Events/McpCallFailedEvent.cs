using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.mcp_call.failed</c>: an MCP tool call failed.</summary>
[JsonModel(Discriminator = "response.mcp_call.failed")]
[NativeEventKind(36)]
public sealed partial class McpCallFailedEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public Utf8Text? ItemId { get; set; }

    public int? OutputIndex { get; set; }
}
