using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.image_generation_call.generating</c>: an image generation call is generating.</summary>
[JsonModel(Discriminator = "response.image_generation_call.generating")]
[NativeEventKind(28)]
public sealed partial class ImageGenerationCallGeneratingEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The id of the output item this event is about.</summary>
    public Utf8Text? ItemId { get; set; }
}
