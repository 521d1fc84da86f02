using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.audio.done</c>: the output audio is complete.</summary>
[JsonModel(Discriminator = "response.audio.done")]
[NativeEventKind(5)]
public sealed partial class AudioDoneEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The id of the response (the spec requires it without defining it; examples carry it).</summary>
    public Utf8Text? ResponseId { get; set; }
}
