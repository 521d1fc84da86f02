using System.Collections.Generic;
using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.inject.failed</c>: injected input was rejected (beta).</summary>
[JsonModel(Discriminator = "response.inject.failed")]
[NativeEventKind(34)]
public sealed partial class ResponseInjectFailedEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The id of the response the input was meant for.</summary>
    public Utf8Text? ResponseId { get; set; }

    /// <summary>The input that was rejected.</summary>
    public List<InputItem>? Input { get; set; }

    /// <summary>Why: <c>code</c> is <c>response_already_completed</c> or <c>response_not_found</c>.</summary>
    public ResponseError? Error { get; set; }
}
