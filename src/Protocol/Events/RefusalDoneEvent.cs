using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.refusal.done</c>: a refusal text is complete.</summary>
[JsonModel(Discriminator = "response.refusal.done")]
[NativeEventKind(56)]
public sealed partial class RefusalDoneEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public Utf8Text? ItemId { get; set; }

    public int? OutputIndex { get; set; }

    public int? ContentIndex { get; set; }

    public Utf8Text? Refusal { get; set; }
}
