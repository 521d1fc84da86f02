using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary>
/// A server event of the Responses stream (WebSocket message or SSE <c>data:</c> payload). The generator emits the
/// dispatch over the <c>"type"</c> bytes, <see cref="ResponsesEventKind"/> and the list of known types; anything else
/// becomes an <see cref="UnknownEvent"/> that keeps its JSON.
/// </summary>
[JsonUnion(Fallback = typeof(UnknownEvent))]
public abstract partial class ResponsesEvent
{
    /// <summary>Position of the event in its response's stream (starts at 0 with <c>response.created</c>).</summary>
    public int? SequenceNumber { get; set; }

    /// <summary>The WebSocket lane (<c>stream_id</c>) of the request this event belongs to, when it had one.</summary>
    public Utf8Text? StreamId { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }

    /// <summary>The <c>"type"</c> string of this event.</summary>
    public abstract string Type { get; }

    /// <summary>The event as compact JSON (an owned copy; allocates).</summary>
    public override string ToString() => ResponsesEventJson.ToJsonString(this);
}
