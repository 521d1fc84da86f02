using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>custom_tool_call</c>: a custom tool call of an earlier response, replayed.</summary>
[JsonModel(Discriminator = "custom_tool_call")]
public sealed partial class CustomToolCallInput : InputItem
{
    public string? Id { get; set; }

    public string? CallId { get; set; }

    public string? Namespace { get; set; }

    public string? Name { get; set; }

    public string? Input { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
