using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.mcp_call_arguments.done</c>: an MCP tool call's arguments are complete.</summary>
[JsonModel(Discriminator = "response.mcp_call_arguments.done")]
[NativeEventKind(39)]
public sealed partial class McpCallArgumentsDoneEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The id of the output item this event is about.</summary>
    public Utf8Text? ItemId { get; set; }

    /// <summary>The whole arguments, a JSON object serialized as a string.</summary>
    public Utf8Text? Arguments { get; set; }
}
