using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.audio.delta</c>: a chunk of output audio.</summary>
[JsonModel(Discriminator = "response.audio.delta")]
[NativeEventKind(4)]
public sealed partial class AudioDeltaEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The id of the response (the spec requires it without defining it; examples carry it).</summary>
    public Utf8Text? ResponseId { get; set; }

    /// <summary>Base64 audio bytes.</summary>
    public Utf8Text? Delta { get; set; }

    /// <summary>Random padding live traffic adds to deltas (<c>stream_options.include_obfuscation</c>).</summary>
    public Utf8Text? Obfuscation { get; set; }
}
