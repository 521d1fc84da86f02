using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>custom_tool_call</c>: the model calls a custom tool (output, and replayed as input).</summary>
[JsonModel(Discriminator = "custom_tool_call")]
public sealed partial class CustomToolCall : OutputItem
{
    public string? Id { get; set; }

    public string? CallId { get; set; }

    /// <summary>Who invoked the tool (<c>{"type":"program",...}</c>).</summary>
    public RawJson? Caller { get; set; }

    public string? Namespace { get; set; }

    public string? Name { get; set; }

    public string? Input { get; set; }

    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
