using System.Collections.Generic;
using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.steer.pending</c>: a mid-turn steer waits for required input.</summary>
[JsonModel(Discriminator = "response.steer.pending")]
[NativeEventKind(64)]
public sealed partial class SteerPendingEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public SteerInfo? Steer { get; set; }

    public Utf8Text? Reason { get; set; }

    public List<RequiredInput>? RequiredInput { get; set; }
}
