using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>image_generation</c> tool.</summary>
[JsonModel(Discriminator = "image_generation")]
public sealed partial class ImageGenerationTool : Tool
{
    public string? Model { get; set; }

    public string? Background { get; set; }

    public string? Moderation { get; set; }

    public int? N { get; set; }

    public int? OutputCompression { get; set; }

    public string? OutputFormat { get; set; }

    public string? Quality { get; set; }

    public string? Size { get; set; }

    public int? PartialImages { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
