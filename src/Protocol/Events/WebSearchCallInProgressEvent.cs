using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.web_search_call.in_progress</c>: a web search call started.</summary>
[JsonModel(Discriminator = "response.web_search_call.in_progress")]
[NativeEventKind(66)]
public sealed partial class WebSearchCallInProgressEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The id of the output item this event is about.</summary>
    public Utf8Text? ItemId { get; set; }
}
