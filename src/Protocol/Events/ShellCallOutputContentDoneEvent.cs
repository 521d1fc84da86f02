using System.Collections.Generic;
using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.shell_call_output_content.done</c>: a shell command's output is complete.</summary>
[JsonModel(Discriminator = "response.shell_call_output_content.done")]
[NativeEventKind(61)]
public sealed partial class ShellCallOutputContentDoneEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public Utf8Text? ItemId { get; set; }

    public int? OutputIndex { get; set; }

    public int? CommandIndex { get; set; }

    public List<ShellCallOutputContent>? Output { get; set; }
}
