using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.mcp_call_arguments.done</c>: an MCP tool call's arguments are complete.</summary>
[JsonModel(Discriminator = "response.mcp_call_arguments.done")]
[NativeEventKind(39)]
public sealed partial class McpCallArgumentsDoneEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public int? OutputIndex { get; set; }

    public Utf8Text? ItemId { get; set; }

    public Utf8Text? Arguments { get; set; }
}
