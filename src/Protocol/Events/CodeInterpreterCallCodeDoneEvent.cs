using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.code_interpreter_call_code.done</c>: the code of a code interpreter call is complete.</summary>
[JsonModel(Discriminator = "response.code_interpreter_call_code.done")]
[NativeEventKind(12)]
public sealed partial class CodeInterpreterCallCodeDoneEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public int? OutputIndex { get; set; }

    public Utf8Text? ItemId { get; set; }

    public Utf8Text? Code { get; set; }
}
