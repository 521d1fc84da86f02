using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.output_item.added</c>: an output item was added.</summary>
[JsonModel(Discriminator = "response.output_item.added")]
[NativeEventKind(43)]
public sealed partial class OutputItemAddedEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The new item as it starts; its content or arguments arrive in later events.</summary>
    public OutputItem? Item { get; set; }
}
