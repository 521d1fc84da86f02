using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.custom_tool_call_input.delta</c>: a piece of a custom tool call's input.</summary>
[JsonModel(Discriminator = "response.custom_tool_call_input.delta")]
[NativeEventKind(18)]
public sealed partial class CustomToolCallInputDeltaEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public int? OutputIndex { get; set; }

    public Utf8Text? ItemId { get; set; }

    public Utf8Text? Delta { get; set; }

    /// <summary>Random padding live traffic adds to deltas (<c>stream_options.include_obfuscation</c>).</summary>
    public Utf8Text? Obfuscation { get; set; }
}
