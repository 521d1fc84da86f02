using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.reasoning_summary_text.done</c>: a reasoning summary text is complete.</summary>
[JsonModel(Discriminator = "response.reasoning_summary_text.done")]
[NativeEventKind(52)]
public sealed partial class ReasoningSummaryTextDoneEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public Utf8Text? ItemId { get; set; }

    public int? OutputIndex { get; set; }

    public int? SummaryIndex { get; set; }

    public Utf8Text? Text { get; set; }
}
