using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>input_text</c> input content.</summary>
[JsonModel(Discriminator = "input_text")]
public sealed partial class InputTextContent : InputContent
{
    /// <summary>The text.</summary>
    public string? Text { get; set; }

    /// <summary>Marks this part as a prompt cache breakpoint (<c>prompt_cache_breakpoint</c>), as JSON.</summary>
    public RawJson? PromptCacheBreakpoint { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
