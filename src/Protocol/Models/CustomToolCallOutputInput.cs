using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>custom_tool_call_output</c>: the result of a custom tool call.</summary>
[JsonModel(Discriminator = "custom_tool_call_output")]
public sealed partial class CustomToolCallOutputInput : InputItem
{
    public string? Id { get; set; }

    public string? CallId { get; set; }

    /// <summary>A string or an array of content parts.</summary>
    public MessageContent? Output { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
