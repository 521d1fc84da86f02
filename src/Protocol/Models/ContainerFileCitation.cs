using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>container_file_citation</c>.</summary>
[JsonModel(Discriminator = "container_file_citation")]
public sealed partial class ContainerFileCitation : Annotation
{
    /// <summary>The id of the container that holds the file.</summary>
    public string? ContainerId { get; set; }

    /// <summary>The id of the cited file.</summary>
    public string? FileId { get; set; }

    /// <summary>The name of the cited file.</summary>
    public string? Filename { get; set; }

    /// <summary>The index of the first character of the citation in the text.</summary>
    public int? StartIndex { get; set; }

    /// <summary>The index of the last character of the citation in the text.</summary>
    public int? EndIndex { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
