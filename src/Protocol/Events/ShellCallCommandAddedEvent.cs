using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.shell_call_command.added</c>: a command was added to a shell call.</summary>
[JsonModel(Discriminator = "response.shell_call_command.added")]
[NativeEventKind(57)]
public sealed partial class ShellCallCommandAddedEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public int? OutputIndex { get; set; }

    public int? CommandIndex { get; set; }

    public Utf8Text? Command { get; set; }
}
