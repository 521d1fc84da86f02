using System.Collections.Generic;
using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.output_text.done</c>: an output text part is complete.</summary>
[JsonModel(Discriminator = "response.output_text.done")]
[NativeEventKind(47)]
public sealed partial class OutputTextDoneEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public Utf8Text? ItemId { get; set; }

    public int? OutputIndex { get; set; }

    public int? ContentIndex { get; set; }

    public Utf8Text? Text { get; set; }

    public List<LogProb>? Logprobs { get; set; }
}
