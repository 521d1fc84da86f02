using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>container_file_citation</c>.</summary>
[JsonModel(Discriminator = "container_file_citation")]
public sealed partial class ContainerFileCitation : Annotation
{
    public string? ContainerId { get; set; }

    public string? FileId { get; set; }

    public string? Filename { get; set; }

    public int? StartIndex { get; set; }

    public int? EndIndex { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
