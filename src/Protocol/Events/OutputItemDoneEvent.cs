using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.output_item.done</c>: an output item is complete.</summary>
[JsonModel(Discriminator = "response.output_item.done")]
[NativeEventKind(44)]
public sealed partial class OutputItemDoneEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public int? OutputIndex { get; set; }

    public OutputItem? Item { get; set; }
}
