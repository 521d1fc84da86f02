using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>reasoning_text</c>: raw reasoning text.</summary>
[JsonModel(Discriminator = "reasoning_text")]
public sealed partial class ReasoningTextContent : OutputContent
{
    /// <summary>The reasoning text.</summary>
    public string? Text { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
