using System.Collections.Generic;
using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.output_text.delta</c>: a piece of output text.</summary>
[JsonModel(Discriminator = "response.output_text.delta")]
[NativeEventKind(46)]
public sealed partial class OutputTextDeltaEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public Utf8Text? ItemId { get; set; }

    public int? OutputIndex { get; set; }

    public int? ContentIndex { get; set; }

    public Utf8Text? Delta { get; set; }

    public List<LogProb>? Logprobs { get; set; }

    /// <summary>Random padding live traffic adds to deltas (<c>stream_options.include_obfuscation</c>).</summary>
    public Utf8Text? Obfuscation { get; set; }
}
