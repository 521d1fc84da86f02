using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>file_path</c>.</summary>
[JsonModel(Discriminator = "file_path")]
public sealed partial class FilePathAnnotation : Annotation
{
    public string? FileId { get; set; }

    public int? Index { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
