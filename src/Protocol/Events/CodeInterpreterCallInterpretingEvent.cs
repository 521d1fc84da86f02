using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.code_interpreter_call.interpreting</c>: a code interpreter call is running its code.</summary>
[JsonModel(Discriminator = "response.code_interpreter_call.interpreting")]
[NativeEventKind(10)]
public sealed partial class CodeInterpreterCallInterpretingEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public int? OutputIndex { get; set; }

    public Utf8Text? ItemId { get; set; }
}
