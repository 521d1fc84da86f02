using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.in_progress</c>: the response is being generated.</summary>
[JsonModel(Discriminator = "response.in_progress")]
[NativeEventKind(31)]
public sealed partial class ResponseInProgressEvent : ResponsesEvent, IResponseLifecycleEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The response, in progress.</summary>
    public Response? Response { get; set; }
}
