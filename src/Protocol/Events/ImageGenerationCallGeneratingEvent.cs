using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.image_generation_call.generating</c>: an image generation call is generating.</summary>
[JsonModel(Discriminator = "response.image_generation_call.generating")]
[NativeEventKind(28)]
public sealed partial class ImageGenerationCallGeneratingEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public int? OutputIndex { get; set; }

    public Utf8Text? ItemId { get; set; }
}
