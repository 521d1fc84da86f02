using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>shell_call_output</c> output item.</summary>
[JsonModel(Discriminator = "shell_call_output")]
public sealed partial class ShellCallOutput : OutputItem
{
    /// <summary>The item's id: set by the API on output, optional on input.</summary>
    public string? Id { get; set; }

    /// <summary>The <c>call_id</c> of the <c>shell_call</c> this output answers.</summary>
    public string? CallId { get; set; }

    /// <summary>Who invoked the tool (<c>{"type":"program",...}</c>).</summary>
    public RawJson? Caller { get; set; }

    /// <summary>The item's <c>status</c>: <c>in_progress</c>, <c>completed</c> or <c>incomplete</c>.</summary>
    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>The output of each command, in order.</summary>
    public List<ShellCallOutputContent>? Output { get; set; }

    /// <summary>
    /// The <c>max_output_length</c> of the call's action, passed back with the output; null when the call set none.
    /// </summary>
    public int? MaxOutputLength { get; set; }

    /// <summary>The identifier of the actor that created the item; set by the API.</summary>
    public string? CreatedBy { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
