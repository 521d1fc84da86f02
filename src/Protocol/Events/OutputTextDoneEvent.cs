using System.Collections.Generic;
using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.output_text.done</c>: an output text part is complete.</summary>
[JsonModel(Discriminator = "response.output_text.done")]
[NativeEventKind(47)]
public sealed partial class OutputTextDoneEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The id of the output item this event is about.</summary>
    public Utf8Text? ItemId { get; set; }

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The index of the content part in the item's <c>content</c>.</summary>
    public int? ContentIndex { get; set; }

    /// <summary>The whole text of the part.</summary>
    public Utf8Text? Text { get; set; }

    /// <summary>
    /// The log probabilities of the tokens of the text; empty unless the request's <c>include</c> asks for
    /// <c>message.output_text.logprobs</c>.
    /// </summary>
    public List<LogProb>? Logprobs { get; set; }
}
