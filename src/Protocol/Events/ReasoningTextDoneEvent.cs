using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.reasoning_text.done</c>: a reasoning text is complete.</summary>
[JsonModel(Discriminator = "response.reasoning_text.done")]
[NativeEventKind(54)]
public sealed partial class ReasoningTextDoneEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The id of the output item this event is about.</summary>
    public Utf8Text? ItemId { get; set; }

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The index of the content part in the item's <c>content</c>.</summary>
    public int? ContentIndex { get; set; }

    /// <summary>The whole reasoning text of the part.</summary>
    public Utf8Text? Text { get; set; }
}
