using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.web_search_call.in_progress</c>: a web search call started.</summary>
[JsonModel(Discriminator = "response.web_search_call.in_progress")]
[NativeEventKind(66)]
public sealed partial class WebSearchCallInProgressEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public int? OutputIndex { get; set; }

    public Utf8Text? ItemId { get; set; }
}
