using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>custom_tool_call_output</c>: the result of a custom tool call (sent by the client, or output when the API ran the tool).</summary>
[JsonModel(Discriminator = "custom_tool_call_output")]
public sealed partial class CustomToolCallOutput : OutputItem
{
    public string? Id { get; set; }

    public string? CallId { get; set; }

    /// <summary>Who invoked the tool (<c>{"type":"program",...}</c>).</summary>
    public RawJson? Caller { get; set; }

    /// <summary>A string or an array of content parts.</summary>
    public MessageContent? Output { get; set; }

    public StringEnum<ItemStatus>? Status { get; set; }

    public string? CreatedBy { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
