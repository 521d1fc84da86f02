using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.content_part.added</c>: a content part was added to an output item.</summary>
[JsonModel(Discriminator = "response.content_part.added")]
[NativeEventKind(15)]
public sealed partial class ContentPartAddedEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The id of the output item this event is about.</summary>
    public Utf8Text? ItemId { get; set; }

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The index of the content part in the item's <c>content</c>.</summary>
    public int? ContentIndex { get; set; }

    /// <summary>
    /// The new part (<c>output_text</c>, <c>refusal</c> or <c>reasoning_text</c>) as it starts; its text arrives in
    /// delta events.
    /// </summary>
    public OutputContent? Part { get; set; }
}
