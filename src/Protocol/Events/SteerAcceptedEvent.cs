using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.steer.accepted</c>: a mid-turn steer was accepted.</summary>
[JsonModel(Discriminator = "response.steer.accepted")]
[NativeEventKind(62)]
public sealed partial class SteerAcceptedEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public SteerInfo? Steer { get; set; }
}
