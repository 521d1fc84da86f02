using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.code_interpreter_call_code.done</c>: the code of a code interpreter call is complete.</summary>
[JsonModel(Discriminator = "response.code_interpreter_call_code.done")]
[NativeEventKind(12)]
public sealed partial class CodeInterpreterCallCodeDoneEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The id of the output item this event is about.</summary>
    public Utf8Text? ItemId { get; set; }

    /// <summary>The whole code.</summary>
    public Utf8Text? Code { get; set; }
}
