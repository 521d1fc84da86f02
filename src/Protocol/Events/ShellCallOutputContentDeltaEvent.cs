using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.shell_call_output_content.delta</c>: a piece of a shell command's output.</summary>
[JsonModel(Discriminator = "response.shell_call_output_content.delta")]
[NativeEventKind(60)]
public sealed partial class ShellCallOutputContentDeltaEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public Utf8Text? ItemId { get; set; }

    public int? OutputIndex { get; set; }

    public int? CommandIndex { get; set; }

    public ShellCallOutputDelta? Delta { get; set; }

    /// <summary>Random padding live traffic adds to deltas (<c>stream_options.include_obfuscation</c>).</summary>
    public Utf8Text? Obfuscation { get; set; }
}
