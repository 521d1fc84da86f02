using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.audio.transcript.done</c>: the output audio transcript is complete.</summary>
[JsonModel(Discriminator = "response.audio.transcript.done")]
[NativeEventKind(7)]
public sealed partial class AudioTranscriptDoneEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public Utf8Text? ResponseId { get; set; }
}
