using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.code_interpreter_call.in_progress</c>: a code interpreter call started.</summary>
[JsonModel(Discriminator = "response.code_interpreter_call.in_progress")]
[NativeEventKind(9)]
public sealed partial class CodeInterpreterCallInProgressEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The id of the output item this event is about.</summary>
    public Utf8Text? ItemId { get; set; }
}
