using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>shell_call</c> output item.</summary>
[JsonModel(Discriminator = "shell_call")]
public sealed partial class ShellCall : OutputItem
{
    /// <summary>The item's id: set by the API on output, optional on input.</summary>
    public string? Id { get; set; }

    /// <summary>
    /// The id that pairs this call with its output item: the <c>shell_call_output</c> that answers it carries the same
    /// <c>call_id</c>.
    /// </summary>
    public string? CallId { get; set; }

    /// <summary>Who invoked the tool (<c>{"type":"program",...}</c>).</summary>
    public RawJson? Caller { get; set; }

    /// <summary>The commands to run.</summary>
    public ShellAction? Action { get; set; }

    /// <summary>The item's <c>status</c>: <c>in_progress</c>, <c>completed</c> or <c>incomplete</c>.</summary>
    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>Where the commands run (a local environment or a container reference), or null, as JSON.</summary>
    public RawJson? Environment { get; set; }

    /// <summary>The identifier of the actor that created the item; set by the API.</summary>
    public string? CreatedBy { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
