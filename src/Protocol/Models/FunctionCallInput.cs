using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>function_call</c>: a function call of an earlier response, replayed.</summary>
[JsonModel(Discriminator = "function_call")]
public sealed partial class FunctionCallInput : InputItem
{
    public string? Id { get; set; }

    public string? CallId { get; set; }

    public string? Namespace { get; set; }

    public string? Name { get; set; }

    public string? Arguments { get; set; }

    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
