using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.content_part.done</c>: a content part is complete.</summary>
[JsonModel(Discriminator = "response.content_part.done")]
[NativeEventKind(16)]
public sealed partial class ContentPartDoneEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public Utf8Text? ItemId { get; set; }

    public int? OutputIndex { get; set; }

    public int? ContentIndex { get; set; }

    public OutputContent? Part { get; set; }
}
