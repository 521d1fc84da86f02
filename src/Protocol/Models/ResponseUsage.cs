using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>Token usage of a response.</summary>
[JsonModel]
public sealed partial class ResponseUsage
{
    public int? InputTokens { get; set; }

    public InputTokensDetails? InputTokensDetails { get; set; }

    public int? OutputTokens { get; set; }

    public OutputTokensDetails? OutputTokensDetails { get; set; }

    public int? TotalTokens { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
