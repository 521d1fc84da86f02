using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.completed</c>: the response finished successfully.</summary>
[JsonModel(Discriminator = "response.completed")]
[NativeEventKind(14)]
public sealed partial class ResponseCompletedEvent : ResponsesEvent, IResponseLifecycleEvent
{
    public override string Type => JsonDiscriminator;

    public Response? Response { get; set; }
}
