using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>summary_text</c>: a reasoning summary part.</summary>
[JsonModel(Discriminator = "summary_text")]
public sealed partial class SummaryTextContent : OutputContent
{
    /// <summary>The summary text.</summary>
    public string? Text { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
