using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>Token usage of a response.</summary>
[JsonModel]
public sealed partial class ResponseUsage
{
    /// <summary>
    /// The input tokens, the whole context included: a continuation with <c>previous_response_id</c> counts every
    /// earlier turn.
    /// </summary>
    public int? InputTokens { get; set; }

    /// <summary>The cached part of <see cref="InputTokens"/>.</summary>
    public InputTokensDetails? InputTokensDetails { get; set; }

    /// <summary>The output tokens, reasoning included.</summary>
    public int? OutputTokens { get; set; }

    /// <summary>The reasoning part of <see cref="OutputTokens"/>.</summary>
    public OutputTokensDetails? OutputTokensDetails { get; set; }

    /// <summary>Input plus output tokens.</summary>
    public int? TotalTokens { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
