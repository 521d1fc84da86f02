using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.image_generation_call.in_progress</c>: an image generation call started.</summary>
[JsonModel(Discriminator = "response.image_generation_call.in_progress")]
[NativeEventKind(29)]
public sealed partial class ImageGenerationCallInProgressEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The id of the output item this event is about.</summary>
    public Utf8Text? ItemId { get; set; }
}
