using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.reasoning_summary_text.done</c>: a reasoning summary text is complete.</summary>
[JsonModel(Discriminator = "response.reasoning_summary_text.done")]
[NativeEventKind(52)]
public sealed partial class ReasoningSummaryTextDoneEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The id of the output item this event is about.</summary>
    public Utf8Text? ItemId { get; set; }

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The index of the summary part in the reasoning item's <c>summary</c>.</summary>
    public int? SummaryIndex { get; set; }

    /// <summary>The whole summary text of the part.</summary>
    public Utf8Text? Text { get; set; }
}
