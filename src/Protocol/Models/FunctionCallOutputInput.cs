using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>function_call_output</c>: the result of a function call.</summary>
[JsonModel(Discriminator = "function_call_output")]
public sealed partial class FunctionCallOutputInput : InputItem
{
    public string? Id { get; set; }

    public string? CallId { get; set; }

    /// <summary>A string or an array of content parts.</summary>
    public MessageContent? Output { get; set; }

    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
