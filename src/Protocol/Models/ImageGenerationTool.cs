using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>image_generation</c> tool.</summary>
[JsonModel(Discriminator = "image_generation")]
public sealed partial class ImageGenerationTool : Tool
{
    /// <summary>The image generation model to use.</summary>
    public string? Model { get; set; }

    /// <summary>The background of generated images: <c>transparent</c>, <c>opaque</c> or <c>auto</c>.</summary>
    public string? Background { get; set; }

    /// <summary>The moderation level of generated images (<c>auto</c> or <c>low</c>).</summary>
    public string? Moderation { get; set; }

    /// <summary>How many images to generate.</summary>
    public int? N { get; set; }

    /// <summary>The compression level of the output image, 0 to 100.</summary>
    public int? OutputCompression { get; set; }

    /// <summary>The file format of generated images: <c>png</c>, <c>webp</c> or <c>jpeg</c>.</summary>
    public string? OutputFormat { get; set; }

    /// <summary>The quality of generated images: <c>low</c>, <c>medium</c>, <c>high</c> or <c>auto</c>.</summary>
    public string? Quality { get; set; }

    /// <summary>The size of generated images (for example <c>1024x1024</c>, or <c>auto</c>).</summary>
    public string? Size { get; set; }

    /// <summary>
    /// How many partial images to stream (0 to 3), as <c>response.image_generation_call.partial_image</c> events.
    /// </summary>
    public int? PartialImages { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
