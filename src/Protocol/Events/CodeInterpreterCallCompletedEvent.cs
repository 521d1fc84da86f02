using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.code_interpreter_call.completed</c>: a code interpreter call finished.</summary>
[JsonModel(Discriminator = "response.code_interpreter_call.completed")]
[NativeEventKind(8)]
public sealed partial class CodeInterpreterCallCompletedEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public int? OutputIndex { get; set; }

    public Utf8Text? ItemId { get; set; }
}
