using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.web_search_call.searching</c>: a web search call is searching.</summary>
[JsonModel(Discriminator = "response.web_search_call.searching")]
[NativeEventKind(67)]
public sealed partial class WebSearchCallSearchingEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public int? OutputIndex { get; set; }

    public Utf8Text? ItemId { get; set; }
}
