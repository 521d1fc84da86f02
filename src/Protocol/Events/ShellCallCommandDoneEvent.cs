using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.shell_call_command.done</c>: a shell call command is complete.</summary>
[JsonModel(Discriminator = "response.shell_call_command.done")]
[NativeEventKind(59)]
public sealed partial class ShellCallCommandDoneEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public int? OutputIndex { get; set; }

    public int? CommandIndex { get; set; }

    public Utf8Text? Command { get; set; }
}
