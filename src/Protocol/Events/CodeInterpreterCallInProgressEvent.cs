using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.code_interpreter_call.in_progress</c>: a code interpreter call started.</summary>
[JsonModel(Discriminator = "response.code_interpreter_call.in_progress")]
[NativeEventKind(9)]
public sealed partial class CodeInterpreterCallInProgressEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public int? OutputIndex { get; set; }

    public Utf8Text? ItemId { get; set; }
}
