using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.mcp_call_arguments.delta</c>: a piece of an MCP tool call's arguments.</summary>
[JsonModel(Discriminator = "response.mcp_call_arguments.delta")]
[NativeEventKind(38)]
public sealed partial class McpCallArgumentsDeltaEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public int? OutputIndex { get; set; }

    public Utf8Text? ItemId { get; set; }

    public Utf8Text? Delta { get; set; }

    /// <summary>Random padding live traffic adds to deltas (<c>stream_options.include_obfuscation</c>).</summary>
    public Utf8Text? Obfuscation { get; set; }
}
