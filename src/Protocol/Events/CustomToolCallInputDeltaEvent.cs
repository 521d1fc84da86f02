using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.custom_tool_call_input.delta</c>: a piece of a custom tool call's input.</summary>
[JsonModel(Discriminator = "response.custom_tool_call_input.delta")]
[NativeEventKind(18)]
public sealed partial class CustomToolCallInputDeltaEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The id of the output item this event is about.</summary>
    public Utf8Text? ItemId { get; set; }

    /// <summary>The next piece of the tool input, to append to the ones before.</summary>
    public Utf8Text? Delta { get; set; }

    /// <summary>Random padding live traffic adds to deltas (<c>stream_options.include_obfuscation</c>).</summary>
    public Utf8Text? Obfuscation { get; set; }
}
