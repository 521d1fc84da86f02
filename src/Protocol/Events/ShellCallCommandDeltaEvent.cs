using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.shell_call_command.delta</c>: a piece of a shell call command.</summary>
[JsonModel(Discriminator = "response.shell_call_command.delta")]
[NativeEventKind(58)]
public sealed partial class ShellCallCommandDeltaEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public int? OutputIndex { get; set; }

    public int? CommandIndex { get; set; }

    public Utf8Text? Delta { get; set; }

    /// <summary>Random padding live traffic adds to deltas (<c>stream_options.include_obfuscation</c>).</summary>
    public Utf8Text? Obfuscation { get; set; }
}
