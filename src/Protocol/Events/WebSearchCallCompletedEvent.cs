using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.web_search_call.completed</c>: a web search call finished.</summary>
[JsonModel(Discriminator = "response.web_search_call.completed")]
[NativeEventKind(65)]
public sealed partial class WebSearchCallCompletedEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public int? OutputIndex { get; set; }

    public Utf8Text? ItemId { get; set; }
}
