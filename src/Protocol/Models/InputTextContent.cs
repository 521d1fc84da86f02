using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>input_text</c> input content.</summary>
[JsonModel(Discriminator = "input_text")]
public sealed partial class InputTextContent : InputContent
{
    public string? Text { get; set; }

    public RawJson? PromptCacheBreakpoint { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
