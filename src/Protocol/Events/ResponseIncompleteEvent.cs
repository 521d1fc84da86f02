using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.incomplete</c>: the response ended early; <c>response.incomplete_details</c> says why.</summary>
[JsonModel(Discriminator = "response.incomplete")]
[NativeEventKind(32)]
public sealed partial class ResponseIncompleteEvent : ResponsesEvent, IResponseLifecycleEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The incomplete response; <c>incomplete_details</c> says why.</summary>
    public Response? Response { get; set; }
}
