using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.queued</c>: the response is waiting to start.</summary>
[JsonModel(Discriminator = "response.queued")]
[NativeEventKind(48)]
public sealed partial class ResponseQueuedEvent : ResponsesEvent, IResponseLifecycleEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The response, queued.</summary>
    public Response? Response { get; set; }
}
