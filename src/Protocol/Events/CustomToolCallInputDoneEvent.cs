using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.custom_tool_call_input.done</c>: a custom tool call's input is complete.</summary>
[JsonModel(Discriminator = "response.custom_tool_call_input.done")]
[NativeEventKind(19)]
public sealed partial class CustomToolCallInputDoneEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The id of the output item this event is about.</summary>
    public Utf8Text? ItemId { get; set; }

    /// <summary>The whole tool input.</summary>
    public Utf8Text? Input { get; set; }
}
