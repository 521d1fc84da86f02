using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.function_call_arguments.delta</c>: a piece of a function call's arguments.</summary>
[JsonModel(Discriminator = "response.function_call_arguments.delta")]
[NativeEventKind(25)]
public sealed partial class FunctionCallArgumentsDeltaEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public Utf8Text? ItemId { get; set; }

    public int? OutputIndex { get; set; }

    public Utf8Text? Delta { get; set; }

    /// <summary>Random padding live traffic adds to deltas (<c>stream_options.include_obfuscation</c>).</summary>
    public Utf8Text? Obfuscation { get; set; }
}
