using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.failed</c>: the response failed; <c>response.error</c> says why.</summary>
[JsonModel(Discriminator = "response.failed")]
[NativeEventKind(21)]
public sealed partial class ResponseFailedEvent : ResponsesEvent, IResponseLifecycleEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The failed response; <c>error</c> says why.</summary>
    public Response? Response { get; set; }
}
