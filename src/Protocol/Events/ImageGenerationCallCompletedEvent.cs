using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.image_generation_call.completed</c>: an image generation call finished.</summary>
[JsonModel(Discriminator = "response.image_generation_call.completed")]
[NativeEventKind(27)]
public sealed partial class ImageGenerationCallCompletedEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public int? OutputIndex { get; set; }

    public Utf8Text? ItemId { get; set; }
}
