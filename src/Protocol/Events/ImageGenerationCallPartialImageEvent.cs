using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.image_generation_call.partial_image</c>: a partial image of an image generation call.</summary>
[JsonModel(Discriminator = "response.image_generation_call.partial_image")]
[NativeEventKind(30)]
public sealed partial class ImageGenerationCallPartialImageEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public int? OutputIndex { get; set; }

    public Utf8Text? ItemId { get; set; }

    public int? PartialImageIndex { get; set; }

    /// <summary>The partial image, base64.</summary>
    public Utf8Text? PartialImageB64 { get; set; }

    public Utf8Text? Size { get; set; }

    public Utf8Text? Quality { get; set; }

    public Utf8Text? Background { get; set; }

    public Utf8Text? OutputFormat { get; set; }
}
