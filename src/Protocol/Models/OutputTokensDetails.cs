using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>usage.output_tokens_details</c>.</summary>
[JsonModel]
public sealed partial class OutputTokensDetails
{
    /// <summary>The output tokens spent on reasoning.</summary>
    public int? ReasoningTokens { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
