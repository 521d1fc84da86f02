using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.output_item.added</c>: an output item was added.</summary>
[JsonModel(Discriminator = "response.output_item.added")]
[NativeEventKind(43)]
public sealed partial class OutputItemAddedEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public int? OutputIndex { get; set; }

    public OutputItem? Item { get; set; }
}
