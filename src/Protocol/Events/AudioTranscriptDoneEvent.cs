using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.audio.transcript.done</c>: the output audio transcript is complete.</summary>
[JsonModel(Discriminator = "response.audio.transcript.done")]
[NativeEventKind(7)]
public sealed partial class AudioTranscriptDoneEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The id of the response (the spec requires it without defining it; examples carry it).</summary>
    public Utf8Text? ResponseId { get; set; }
}
