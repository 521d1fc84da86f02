using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>custom</c> tool.</summary>
[JsonModel(Discriminator = "custom")]
public sealed partial class CustomTool : Tool
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public RawJson? Format { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
