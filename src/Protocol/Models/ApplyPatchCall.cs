using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>apply_patch_call</c> output item.</summary>
[JsonModel(Discriminator = "apply_patch_call")]
public sealed partial class ApplyPatchCall : OutputItem
{
    /// <summary>The item's id: set by the API on output, optional on input.</summary>
    public string? Id { get; set; }

    /// <summary>
    /// The id that pairs this call with its output item: the <c>apply_patch_call_output</c> that answers it carries the
    /// same <c>call_id</c>.
    /// </summary>
    public string? CallId { get; set; }

    /// <summary>Who invoked the tool (<c>{"type":"program",...}</c>).</summary>
    public RawJson? Caller { get; set; }

    /// <summary>The item's <c>status</c>: <c>in_progress</c> or <c>completed</c>.</summary>
    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>
    /// The file operation the client is asked to apply (<c>create_file</c>, <c>update_file</c> or <c>delete_file</c>).
    /// </summary>
    public ApplyPatchOperation? Operation { get; set; }

    /// <summary>The identifier of the actor that created the item; set by the API.</summary>
    public string? CreatedBy { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
