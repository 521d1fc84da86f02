using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.done</c>: the final event of a response over WebSocket (check <c>response.status</c>).</summary>
[JsonModel(Discriminator = "response.done")]
[NativeEventKind(20)]
public sealed partial class ResponseDoneEvent : ResponsesEvent, IResponseLifecycleEvent
{
    public override string Type => JsonDiscriminator;

    public Response? Response { get; set; }
}
