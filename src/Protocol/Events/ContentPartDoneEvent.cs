using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.content_part.done</c>: a content part is complete.</summary>
[JsonModel(Discriminator = "response.content_part.done")]
[NativeEventKind(16)]
public sealed partial class ContentPartDoneEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The id of the output item this event is about.</summary>
    public Utf8Text? ItemId { get; set; }

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The index of the content part in the item's <c>content</c>.</summary>
    public int? ContentIndex { get; set; }

    /// <summary>The complete part.</summary>
    public OutputContent? Part { get; set; }
}
