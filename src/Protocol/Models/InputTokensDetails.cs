using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>usage.input_tokens_details</c>.</summary>
[JsonModel]
public sealed partial class InputTokensDetails
{
    /// <summary>The input tokens read from the prompt cache.</summary>
    public int? CachedTokens { get; set; }

    /// <summary>The input tokens written to the prompt cache (required by the spec; live traffic omits it).</summary>
    public int? CacheWriteTokens { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
