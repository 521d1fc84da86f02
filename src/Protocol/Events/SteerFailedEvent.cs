using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.steer.failed</c>: a mid-turn steer was rejected.</summary>
[JsonModel(Discriminator = "response.steer.failed")]
[NativeEventKind(63)]
public sealed partial class SteerFailedEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The steer that failed.</summary>
    public SteerInfo? Steer { get; set; }

    /// <summary>
    /// Why (codes seen: <c>invalid_input</c>, <c>steering_not_supported</c>, <c>response_not_found</c>,
    /// <c>too_many_pending_steers</c>).
    /// </summary>
    public ResponseError? Error { get; set; }
}
