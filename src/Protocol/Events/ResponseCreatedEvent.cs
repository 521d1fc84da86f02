using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.created</c>: the response was created (first event of a response).</summary>
[JsonModel(Discriminator = "response.created")]
[NativeEventKind(17)]
public sealed partial class ResponseCreatedEvent : ResponsesEvent, IResponseLifecycleEvent
{
    public override string Type => JsonDiscriminator;

    public Response? Response { get; set; }
}
