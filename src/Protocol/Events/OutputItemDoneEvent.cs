using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.output_item.done</c>: an output item is complete.</summary>
[JsonModel(Discriminator = "response.output_item.done")]
[NativeEventKind(44)]
public sealed partial class OutputItemDoneEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The complete item: what the response's <c>output</c> holds at this index.</summary>
    public OutputItem? Item { get; set; }
}
