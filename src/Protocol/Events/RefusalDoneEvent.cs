using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.refusal.done</c>: a refusal text is complete.</summary>
[JsonModel(Discriminator = "response.refusal.done")]
[NativeEventKind(56)]
public sealed partial class RefusalDoneEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The id of the output item this event is about.</summary>
    public Utf8Text? ItemId { get; set; }

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The index of the content part in the item's <c>content</c>.</summary>
    public int? ContentIndex { get; set; }

    /// <summary>The whole refusal text.</summary>
    public Utf8Text? Refusal { get; set; }
}
