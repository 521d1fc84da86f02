using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>apply_patch_call_output</c> output item.</summary>
[JsonModel(Discriminator = "apply_patch_call_output")]
public sealed partial class ApplyPatchCallOutput : OutputItem
{
    /// <summary>The item's id: set by the API on output, optional on input.</summary>
    public string? Id { get; set; }

    /// <summary>The <c>call_id</c> of the <c>apply_patch_call</c> this output answers.</summary>
    public string? CallId { get; set; }

    /// <summary>Who invoked the tool (<c>{"type":"program",...}</c>).</summary>
    public RawJson? Caller { get; set; }

    /// <summary>Whether the client applied the operation: <c>completed</c> or <c>failed</c>.</summary>
    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>A log or message the client reports for the operation, or null.</summary>
    public string? Output { get; set; }

    /// <summary>The identifier of the actor that created the item; set by the API.</summary>
    public string? CreatedBy { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
