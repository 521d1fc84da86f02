using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.reasoning_summary_part.added</c>: a reasoning summary part was added.</summary>
[JsonModel(Discriminator = "response.reasoning_summary_part.added")]
[NativeEventKind(49)]
public sealed partial class ReasoningSummaryPartAddedEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The id of the output item this event is about.</summary>
    public Utf8Text? ItemId { get; set; }

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The index of the summary part in the reasoning item's <c>summary</c>.</summary>
    public int? SummaryIndex { get; set; }

    /// <summary>A <c>summary_text</c> part.</summary>
    public OutputContent? Part { get; set; }
}
