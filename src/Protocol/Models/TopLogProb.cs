using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>One alternative token in <see cref="LogProb.TopLogprobs"/>.</summary>
[JsonModel]
public sealed partial class TopLogProb
{
    public string? Token { get; set; }

    public double? Logprob { get; set; }

    public List<int>? Bytes { get; set; }

    public JsonExtensionData ExtensionData { get; set; }
}
