using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>image</c>: an image file.</summary>
[JsonModel(Discriminator = "image")]
public sealed partial class CodeInterpreterImage : CodeInterpreterOutput
{
    /// <summary>The URL of the image the code produced.</summary>
    public string? Url { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
