using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.image_generation_call.in_progress</c>: an image generation call started.</summary>
[JsonModel(Discriminator = "response.image_generation_call.in_progress")]
[NativeEventKind(29)]
public sealed partial class ImageGenerationCallInProgressEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public int? OutputIndex { get; set; }

    public Utf8Text? ItemId { get; set; }
}
