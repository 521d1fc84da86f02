using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>file_citation</c>.</summary>
[JsonModel(Discriminator = "file_citation")]
public sealed partial class FileCitation : Annotation
{
    public string? FileId { get; set; }

    public string? Filename { get; set; }

    public int? Index { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
