using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>The log probability of one output token, with the most likely alternatives.</summary>
[JsonModel]
public sealed partial class LogProb
{
    /// <summary>The token.</summary>
    public string? Token { get; set; }

    /// <summary>The log probability of the token.</summary>
    public double? Logprob { get; set; }

    /// <summary>The UTF-8 bytes of the token.</summary>
    public List<int>? Bytes { get; set; }

    /// <summary>The most likely tokens at this position, with their log probabilities.</summary>
    public List<TopLogProb>? TopLogprobs { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
