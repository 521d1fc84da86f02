using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.completed</c>: the response finished successfully.</summary>
[JsonModel(Discriminator = "response.completed")]
[NativeEventKind(14)]
public sealed partial class ResponseCompletedEvent : ResponsesEvent, IResponseLifecycleEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The completed response, with its output and usage.</summary>
    public Response? Response { get; set; }
}
