using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.image_generation_call.partial_image</c>: a partial image of an image generation call.</summary>
[JsonModel(Discriminator = "response.image_generation_call.partial_image")]
[NativeEventKind(30)]
public sealed partial class ImageGenerationCallPartialImageEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The id of the output item this event is about.</summary>
    public Utf8Text? ItemId { get; set; }

    /// <summary>The index of the partial image, from 0 (see <c>partial_images</c> on the tool).</summary>
    public int? PartialImageIndex { get; set; }

    /// <summary>The partial image, base64.</summary>
    public Utf8Text? PartialImageB64 { get; set; }

    /// <summary>The size of the image (for example <c>1024x1024</c>).</summary>
    public Utf8Text? Size { get; set; }

    /// <summary>The quality of the image (<c>low</c>, <c>medium</c>, <c>high</c>).</summary>
    public Utf8Text? Quality { get; set; }

    /// <summary>The background of the image (<c>transparent</c>, <c>opaque</c>).</summary>
    public Utf8Text? Background { get; set; }

    /// <summary>The file format of the image (<c>png</c>, <c>webp</c>, <c>jpeg</c>).</summary>
    public Utf8Text? OutputFormat { get; set; }
}
