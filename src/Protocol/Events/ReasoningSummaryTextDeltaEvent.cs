using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.reasoning_summary_text.delta</c>: a piece of reasoning summary text.</summary>
[JsonModel(Discriminator = "response.reasoning_summary_text.delta")]
[NativeEventKind(51)]
public sealed partial class ReasoningSummaryTextDeltaEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The id of the output item this event is about.</summary>
    public Utf8Text? ItemId { get; set; }

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The index of the summary part in the reasoning item's <c>summary</c>.</summary>
    public int? SummaryIndex { get; set; }

    /// <summary>The next piece of the summary text, to append to the ones before.</summary>
    public Utf8Text? Delta { get; set; }

    /// <summary>Random padding live traffic adds to deltas (<c>stream_options.include_obfuscation</c>).</summary>
    public Utf8Text? Obfuscation { get; set; }
}
