using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.audio.done</c>: the output audio is complete.</summary>
[JsonModel(Discriminator = "response.audio.done")]
[NativeEventKind(5)]
public sealed partial class AudioDoneEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public Utf8Text? ResponseId { get; set; }
}
