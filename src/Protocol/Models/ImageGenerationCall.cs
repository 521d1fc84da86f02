using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>image_generation_call</c> output item.</summary>
[JsonModel(Discriminator = "image_generation_call")]
public sealed partial class ImageGenerationCall : OutputItem
{
    /// <summary>The item's id, assigned by the API.</summary>
    public string? Id { get; set; }

    /// <summary>
    /// The item's <c>status</c>: <c>in_progress</c>, <c>generating</c>, <c>completed</c> or <c>failed</c>.
    /// </summary>
    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>The image, base64.</summary>
    public string? Result { get; set; }

    /// <summary>The prompt the image was generated from, as the model rewrote it (<c>revised_prompt</c>).</summary>
    public string? RevisedPrompt { get; set; }

    /// <summary>The prompt of the image (<c>prompt</c>).</summary>
    public string? Prompt { get; set; }

    /// <summary>The background of the generated image (<c>transparent</c>, <c>opaque</c> or <c>auto</c>).</summary>
    public string? Background { get; set; }

    /// <summary>The file format of the image (<c>png</c>, <c>webp</c> or <c>jpeg</c>).</summary>
    public string? OutputFormat { get; set; }

    /// <summary>The quality of the image (<c>low</c>, <c>medium</c>, <c>high</c> or <c>auto</c>).</summary>
    public string? Quality { get; set; }

    /// <summary>The size of the image (for example <c>1024x1024</c>, or <c>auto</c>).</summary>
    public string? Size { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
