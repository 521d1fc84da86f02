using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.shell_call_command.delta</c>: a piece of a shell call command.</summary>
[JsonModel(Discriminator = "response.shell_call_command.delta")]
[NativeEventKind(58)]
public sealed partial class ShellCallCommandDeltaEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The index of the command in the shell call's <c>action.commands</c>.</summary>
    public int? CommandIndex { get; set; }

    /// <summary>The next piece of the command, to append to the ones before.</summary>
    public Utf8Text? Delta { get; set; }

    /// <summary>Random padding live traffic adds to deltas (<c>stream_options.include_obfuscation</c>).</summary>
    public Utf8Text? Obfuscation { get; set; }
}
