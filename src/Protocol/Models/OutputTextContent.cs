using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>output_text</c>: text the model produced.</summary>
[JsonModel(Discriminator = "output_text")]
public sealed partial class OutputTextContent : OutputContent
{
    public string? Text { get; set; }

    public List<Annotation>? Annotations { get; set; }

    public List<LogProb>? Logprobs { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
