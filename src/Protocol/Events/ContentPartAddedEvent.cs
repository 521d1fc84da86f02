using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.content_part.added</c>: a content part was added to an output item.</summary>
[JsonModel(Discriminator = "response.content_part.added")]
[NativeEventKind(15)]
public sealed partial class ContentPartAddedEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public Utf8Text? ItemId { get; set; }

    public int? OutputIndex { get; set; }

    public int? ContentIndex { get; set; }

    public OutputContent? Part { get; set; }
}
