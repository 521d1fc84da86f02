using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>refusal</c> of an assistant message sent back as input.</summary>
[JsonModel(Discriminator = "refusal")]
public sealed partial class AssistantRefusal : InputContent
{
    public string? Refusal { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
