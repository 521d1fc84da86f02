using System.Collections.Generic;
using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.shell_call_output_content.done</c>: a shell command's output is complete.</summary>
[JsonModel(Discriminator = "response.shell_call_output_content.done")]
[NativeEventKind(61)]
public sealed partial class ShellCallOutputContentDoneEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The id of the output item this event is about.</summary>
    public Utf8Text? ItemId { get; set; }

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The index of the command in the shell call's <c>action.commands</c>.</summary>
    public int? CommandIndex { get; set; }

    /// <summary>The command's whole output.</summary>
    public List<ShellCallOutputContent>? Output { get; set; }
}
