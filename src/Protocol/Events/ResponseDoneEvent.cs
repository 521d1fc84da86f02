using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.done</c>: the final event of a response over WebSocket (check <c>response.status</c>).</summary>
[JsonModel(Discriminator = "response.done")]
[NativeEventKind(20)]
public sealed partial class ResponseDoneEvent : ResponsesEvent, IResponseLifecycleEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>
    /// The final response; check its <c>status</c>, and rebuild an empty <c>output</c> from the
    /// <c>response.output_item.done</c> events.
    /// </summary>
    public Response? Response { get; set; }
}
