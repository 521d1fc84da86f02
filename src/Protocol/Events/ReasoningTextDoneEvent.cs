using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.reasoning_text.done</c>: a reasoning text is complete.</summary>
[JsonModel(Discriminator = "response.reasoning_text.done")]
[NativeEventKind(54)]
public sealed partial class ReasoningTextDoneEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public Utf8Text? ItemId { get; set; }

    public int? OutputIndex { get; set; }

    public int? ContentIndex { get; set; }

    public Utf8Text? Text { get; set; }
}
