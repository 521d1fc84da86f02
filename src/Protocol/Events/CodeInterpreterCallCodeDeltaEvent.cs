using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.code_interpreter_call_code.delta</c>: a piece of the code a code interpreter call runs.</summary>
[JsonModel(Discriminator = "response.code_interpreter_call_code.delta")]
[NativeEventKind(11)]
public sealed partial class CodeInterpreterCallCodeDeltaEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public int? OutputIndex { get; set; }

    public Utf8Text? ItemId { get; set; }

    public Utf8Text? Delta { get; set; }

    /// <summary>Random padding live traffic adds to deltas (<c>stream_options.include_obfuscation</c>).</summary>
    public Utf8Text? Obfuscation { get; set; }
}
