using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.refusal.delta</c>: a piece of refusal text.</summary>
[JsonModel(Discriminator = "response.refusal.delta")]
[NativeEventKind(55)]
public sealed partial class RefusalDeltaEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The id of the output item this event is about.</summary>
    public Utf8Text? ItemId { get; set; }

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The index of the content part in the item's <c>content</c>.</summary>
    public int? ContentIndex { get; set; }

    /// <summary>The next piece of the refusal text, to append to the ones before.</summary>
    public Utf8Text? Delta { get; set; }

    /// <summary>Random padding live traffic adds to deltas (<c>stream_options.include_obfuscation</c>).</summary>
    public Utf8Text? Obfuscation { get; set; }
}
