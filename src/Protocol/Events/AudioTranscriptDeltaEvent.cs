using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.audio.transcript.delta</c>: a piece of the output audio transcript.</summary>
[JsonModel(Discriminator = "response.audio.transcript.delta")]
[NativeEventKind(6)]
public sealed partial class AudioTranscriptDeltaEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The id of the response (the spec requires it without defining it; examples carry it).</summary>
    public Utf8Text? ResponseId { get; set; }

    /// <summary>The next piece of the transcript.</summary>
    public Utf8Text? Delta { get; set; }

    /// <summary>Random padding live traffic adds to deltas (<c>stream_options.include_obfuscation</c>).</summary>
    public Utf8Text? Obfuscation { get; set; }
}
