using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.web_search_call.searching</c>: a web search call is searching.</summary>
[JsonModel(Discriminator = "response.web_search_call.searching")]
[NativeEventKind(67)]
public sealed partial class WebSearchCallSearchingEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The id of the output item this event is about.</summary>
    public Utf8Text? ItemId { get; set; }
}
