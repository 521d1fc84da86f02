using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.shell_call_output_content.delta</c>: a piece of a shell command's output.</summary>
[JsonModel(Discriminator = "response.shell_call_output_content.delta")]
[NativeEventKind(60)]
public sealed partial class ShellCallOutputContentDeltaEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The id of the output item this event is about.</summary>
    public Utf8Text? ItemId { get; set; }

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The index of the command in the shell call's <c>action.commands</c>.</summary>
    public int? CommandIndex { get; set; }

    /// <summary>The next pieces of the command's standard output and standard error.</summary>
    public ShellCallOutputDelta? Delta { get; set; }

    /// <summary>Random padding live traffic adds to deltas (<c>stream_options.include_obfuscation</c>).</summary>
    public Utf8Text? Obfuscation { get; set; }
}
