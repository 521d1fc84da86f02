using System.Collections.Generic;
using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.inject.failed</c>: injected input was rejected (beta).</summary>
[JsonModel(Discriminator = "response.inject.failed")]
[NativeEventKind(34)]
public sealed partial class ResponseInjectFailedEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public Utf8Text? ResponseId { get; set; }

    public List<InputItem>? Input { get; set; }

    public ResponseError? Error { get; set; }
}
