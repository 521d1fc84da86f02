using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.reasoning_summary_part.added</c>: a reasoning summary part was added.</summary>
[JsonModel(Discriminator = "response.reasoning_summary_part.added")]
[NativeEventKind(49)]
public sealed partial class ReasoningSummaryPartAddedEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public Utf8Text? ItemId { get; set; }

    public int? OutputIndex { get; set; }

    public int? SummaryIndex { get; set; }

    /// <summary>A <c>summary_text</c> part.</summary>
    public OutputContent? Part { get; set; }
}
