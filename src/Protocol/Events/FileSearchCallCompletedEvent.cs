using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.file_search_call.completed</c>: a file search call finished.</summary>
[JsonModel(Discriminator = "response.file_search_call.completed")]
[NativeEventKind(22)]
public sealed partial class FileSearchCallCompletedEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The id of the output item this event is about.</summary>
    public Utf8Text? ItemId { get; set; }
}
