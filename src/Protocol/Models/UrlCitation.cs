using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>url_citation</c>.</summary>
[JsonModel(Discriminator = "url_citation")]
public sealed partial class UrlCitation : Annotation
{
    public string? Url { get; set; }

    public string? Title { get; set; }

    public int? StartIndex { get; set; }

    public int? EndIndex { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
