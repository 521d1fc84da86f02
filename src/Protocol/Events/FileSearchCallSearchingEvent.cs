using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.file_search_call.searching</c>: a file search call is searching.</summary>
[JsonModel(Discriminator = "response.file_search_call.searching")]
[NativeEventKind(24)]
public sealed partial class FileSearchCallSearchingEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public int? OutputIndex { get; set; }

    public Utf8Text? ItemId { get; set; }
}
