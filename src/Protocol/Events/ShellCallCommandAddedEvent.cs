using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.shell_call_command.added</c>: a command was added to a shell call.</summary>
[JsonModel(Discriminator = "response.shell_call_command.added")]
[NativeEventKind(57)]
public sealed partial class ShellCallCommandAddedEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The index of the command in the shell call's <c>action.commands</c>.</summary>
    public int? CommandIndex { get; set; }

    /// <summary>
    /// The command as this event carries it; <c>.delta</c> events may extend it and <c>.done</c> carries the whole.
    /// </summary>
    public Utf8Text? Command { get; set; }
}
