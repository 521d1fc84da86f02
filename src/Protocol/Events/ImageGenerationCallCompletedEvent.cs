using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.image_generation_call.completed</c>: an image generation call finished.</summary>
[JsonModel(Discriminator = "response.image_generation_call.completed")]
[NativeEventKind(27)]
public sealed partial class ImageGenerationCallCompletedEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The id of the output item this event is about.</summary>
    public Utf8Text? ItemId { get; set; }
}
