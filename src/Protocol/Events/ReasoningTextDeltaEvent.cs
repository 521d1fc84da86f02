using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.reasoning_text.delta</c>: a piece of reasoning text.</summary>
[JsonModel(Discriminator = "response.reasoning_text.delta")]
[NativeEventKind(53)]
public sealed partial class ReasoningTextDeltaEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public Utf8Text? ItemId { get; set; }

    public int? OutputIndex { get; set; }

    public int? ContentIndex { get; set; }

    public Utf8Text? Delta { get; set; }

    /// <summary>Random padding live traffic adds to deltas (<c>stream_options.include_obfuscation</c>).</summary>
    public Utf8Text? Obfuscation { get; set; }
}
