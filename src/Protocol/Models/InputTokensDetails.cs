using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>usage.input_tokens_details</c>.</summary>
[JsonModel]
public sealed partial class InputTokensDetails
{
    public int? CachedTokens { get; set; }

    public int? CacheWriteTokens { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
