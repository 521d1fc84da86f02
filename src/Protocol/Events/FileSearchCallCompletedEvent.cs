using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.file_search_call.completed</c>: a file search call finished.</summary>
[JsonModel(Discriminator = "response.file_search_call.completed")]
[NativeEventKind(22)]
public sealed partial class FileSearchCallCompletedEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public int? OutputIndex { get; set; }

    public Utf8Text? ItemId { get; set; }
}
