using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.steer.accepted</c>: a mid-turn steer was accepted.</summary>
[JsonModel(Discriminator = "response.steer.accepted")]
[NativeEventKind(62)]
public sealed partial class SteerAcceptedEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The steer that was accepted.</summary>
    public SteerInfo? Steer { get; set; }
}
