using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>function_call</c>: the model calls a function tool.</summary>
[JsonModel(Discriminator = "function_call")]
public sealed partial class FunctionCall : OutputItem
{
    public string? Id { get; set; }

    public string? CallId { get; set; }

    public string? Namespace { get; set; }

    public string? Name { get; set; }

    public string? Arguments { get; set; }

    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>Who invoked the tool (<c>{"type":"program",...}</c>).</summary>
    public RawJson? Caller { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
