using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>refusal</c>: the model refused.</summary>
[JsonModel(Discriminator = "refusal")]
public sealed partial class RefusalContent : OutputContent
{
    /// <summary>The model's explanation of its refusal.</summary>
    public string? Refusal { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
