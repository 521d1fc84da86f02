using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>One alternative token in <see cref="LogProb.TopLogprobs"/>.</summary>
[JsonModel]
public sealed partial class TopLogProb
{
    /// <summary>The token.</summary>
    public string? Token { get; set; }

    /// <summary>The log probability of the token.</summary>
    public double? Logprob { get; set; }

    /// <summary>The UTF-8 bytes of the token.</summary>
    public List<int>? Bytes { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
