using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.file_search_call.in_progress</c>: a file search call started.</summary>
[JsonModel(Discriminator = "response.file_search_call.in_progress")]
[NativeEventKind(23)]
public sealed partial class FileSearchCallInProgressEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public int? OutputIndex { get; set; }

    public Utf8Text? ItemId { get; set; }
}
