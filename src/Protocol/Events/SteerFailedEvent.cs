using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.steer.failed</c>: a mid-turn steer was rejected.</summary>
[JsonModel(Discriminator = "response.steer.failed")]
[NativeEventKind(63)]
public sealed partial class SteerFailedEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public SteerInfo? Steer { get; set; }

    public ResponseError? Error { get; set; }
}
