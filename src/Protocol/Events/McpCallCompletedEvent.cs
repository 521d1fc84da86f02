using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.mcp_call.completed</c>: an MCP tool call finished.</summary>
[JsonModel(Discriminator = "response.mcp_call.completed")]
[NativeEventKind(35)]
public sealed partial class McpCallCompletedEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public Utf8Text? ItemId { get; set; }

    public int? OutputIndex { get; set; }
}
