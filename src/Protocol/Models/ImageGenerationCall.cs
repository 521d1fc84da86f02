using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>image_generation_call</c> output item.</summary>
[JsonModel(Discriminator = "image_generation_call")]
public sealed partial class ImageGenerationCall : OutputItem
{
    public string? Id { get; set; }

    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>The image, base64.</summary>
    public string? Result { get; set; }

    public string? RevisedPrompt { get; set; }

    public string? Prompt { get; set; }

    public string? Background { get; set; }

    public string? OutputFormat { get; set; }

    public string? Quality { get; set; }

    public string? Size { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
