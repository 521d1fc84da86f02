using System.Collections.Generic;
using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.output_text.delta</c>: a piece of output text.</summary>
[JsonModel(Discriminator = "response.output_text.delta")]
[NativeEventKind(46)]
public sealed partial class OutputTextDeltaEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The id of the output item this event is about.</summary>
    public Utf8Text? ItemId { get; set; }

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The index of the content part in the item's <c>content</c>.</summary>
    public int? ContentIndex { get; set; }

    /// <summary>The next piece of text, to append to the ones before.</summary>
    public Utf8Text? Delta { get; set; }

    /// <summary>
    /// The log probabilities of the tokens in <see cref="Delta"/>; empty unless the request's <c>include</c> asks for
    /// <c>message.output_text.logprobs</c>.
    /// </summary>
    public List<LogProb>? Logprobs { get; set; }

    /// <summary>Random padding live traffic adds to deltas (<c>stream_options.include_obfuscation</c>).</summary>
    public Utf8Text? Obfuscation { get; set; }
}
