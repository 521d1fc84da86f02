using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.shell_call_command.done</c>: a shell call command is complete.</summary>
[JsonModel(Discriminator = "response.shell_call_command.done")]
[NativeEventKind(59)]
public sealed partial class ShellCallCommandDoneEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The index of the command in the shell call's <c>action.commands</c>.</summary>
    public int? CommandIndex { get; set; }

    /// <summary>The whole command.</summary>
    public Utf8Text? Command { get; set; }
}
