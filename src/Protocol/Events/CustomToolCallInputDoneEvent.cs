using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.custom_tool_call_input.done</c>: a custom tool call's input is complete.</summary>
[JsonModel(Discriminator = "response.custom_tool_call_input.done")]
[NativeEventKind(19)]
public sealed partial class CustomToolCallInputDoneEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public int? OutputIndex { get; set; }

    public Utf8Text? ItemId { get; set; }

    public Utf8Text? Input { get; set; }
}
