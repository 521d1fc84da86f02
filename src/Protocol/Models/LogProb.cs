using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>The log probability of one output token, with the most likely alternatives.</summary>
[JsonModel]
public sealed partial class LogProb
{
    public string? Token { get; set; }

    public double? Logprob { get; set; }

    public List<int>? Bytes { get; set; }

    public List<TopLogProb>? TopLogprobs { get; set; }

    public JsonExtensionData ExtensionData { get; set; }
}
