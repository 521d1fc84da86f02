using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>output_text</c>: text the model produced.</summary>
[JsonModel(Discriminator = "output_text")]
public sealed partial class OutputTextContent : OutputContent
{
    /// <summary>The text.</summary>
    public string? Text { get; set; }

    /// <summary>Citations and file paths in the text.</summary>
    public List<Annotation>? Annotations { get; set; }

    /// <summary>
    /// The log probabilities of the tokens; filled only when the request's <c>include</c> asks for
    /// <c>message.output_text.logprobs</c>.
    /// </summary>
    public List<LogProb>? Logprobs { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
