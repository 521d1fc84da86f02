using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>local_shell_call</c> output item.</summary>
[JsonModel(Discriminator = "local_shell_call")]
public sealed partial class LocalShellCall : OutputItem
{
    /// <summary>The item's id, assigned by the API.</summary>
    public string? Id { get; set; }

    /// <summary>
    /// The id that pairs this call with its output item: the <c>local_shell_call_output</c> that answers it carries the
    /// same <c>call_id</c>.
    /// </summary>
    public string? CallId { get; set; }

    /// <summary>The command to run.</summary>
    public LocalShellExecAction? Action { get; set; }

    /// <summary>The item's <c>status</c>: <c>in_progress</c>, <c>completed</c> or <c>incomplete</c>.</summary>
    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
