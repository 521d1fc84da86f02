using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.audio.transcript.delta</c>: a piece of the output audio transcript.</summary>
[JsonModel(Discriminator = "response.audio.transcript.delta")]
[NativeEventKind(6)]
public sealed partial class AudioTranscriptDeltaEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public Utf8Text? ResponseId { get; set; }

    public Utf8Text? Delta { get; set; }

    /// <summary>Random padding live traffic adds to deltas (<c>stream_options.include_obfuscation</c>).</summary>
    public Utf8Text? Obfuscation { get; set; }
}
