using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.created</c>: the response was created (first event of a response).</summary>
[JsonModel(Discriminator = "response.created")]
[NativeEventKind(17)]
public sealed partial class ResponseCreatedEvent : ResponsesEvent, IResponseLifecycleEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>
    /// The response as created, with no output yet; its <c>id</c> is what a later request chains from.
    /// </summary>
    public Response? Response { get; set; }
}
