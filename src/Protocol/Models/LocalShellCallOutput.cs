using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>local_shell_call_output</c> output item.</summary>
[JsonModel(Discriminator = "local_shell_call_output")]
public sealed partial class LocalShellCallOutput : OutputItem
{
    /// <summary>The id of the <c>local_shell_call</c> this output answers.</summary>
    public string? Id { get; set; }

    /// <summary>The output of the command, as a JSON string.</summary>
    public string? Output { get; set; }

    /// <summary>The item's <c>status</c>: <c>in_progress</c>, <c>completed</c> or <c>incomplete</c>.</summary>
    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
