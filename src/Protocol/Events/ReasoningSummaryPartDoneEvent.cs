using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.reasoning_summary_part.done</c>: a reasoning summary part is complete.</summary>
[JsonModel(Discriminator = "response.reasoning_summary_part.done")]
[NativeEventKind(50)]
public sealed partial class ReasoningSummaryPartDoneEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public Utf8Text? ItemId { get; set; }

    public int? OutputIndex { get; set; }

    public int? SummaryIndex { get; set; }

    /// <summary>A <c>summary_text</c> part.</summary>
    public OutputContent? Part { get; set; }

    public Utf8Text? Status { get; set; }
}
