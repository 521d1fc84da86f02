using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.refusal.delta</c>: a piece of refusal text.</summary>
[JsonModel(Discriminator = "response.refusal.delta")]
[NativeEventKind(55)]
public sealed partial class RefusalDeltaEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public Utf8Text? ItemId { get; set; }

    public int? OutputIndex { get; set; }

    public int? ContentIndex { get; set; }

    public Utf8Text? Delta { get; set; }

    /// <summary>Random padding live traffic adds to deltas (<c>stream_options.include_obfuscation</c>).</summary>
    public Utf8Text? Obfuscation { get; set; }
}
