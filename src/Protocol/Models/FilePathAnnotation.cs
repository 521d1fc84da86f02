using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>file_path</c>.</summary>
[JsonModel(Discriminator = "file_path")]
public sealed partial class FilePathAnnotation : Annotation
{
    /// <summary>The id of the file.</summary>
    public string? FileId { get; set; }

    /// <summary>The index of the file in the list of files.</summary>
    public int? Index { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
