using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>url_citation</c>.</summary>
[JsonModel(Discriminator = "url_citation")]
public sealed partial class UrlCitation : Annotation
{
    /// <summary>The URL of the cited web resource.</summary>
    public string? Url { get; set; }

    /// <summary>The title of the cited web resource.</summary>
    public string? Title { get; set; }

    /// <summary>The index of the first character of the citation in the text.</summary>
    public int? StartIndex { get; set; }

    /// <summary>The index of the last character of the citation in the text.</summary>
    public int? EndIndex { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
