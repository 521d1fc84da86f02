using System.Collections.Generic;
using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.steer.pending</c>: a mid-turn steer waits for required input.</summary>
[JsonModel(Discriminator = "response.steer.pending")]
[NativeEventKind(64)]
public sealed partial class SteerPendingEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The steer that waits.</summary>
    public SteerInfo? Steer { get; set; }

    /// <summary>Why it waits (for example <c>waiting_for_required_input</c>).</summary>
    public Utf8Text? Reason { get; set; }

    /// <summary>The inputs the steer waits for (for example the outputs of pending tool calls).</summary>
    public List<RequiredInput>? RequiredInput { get; set; }
}
