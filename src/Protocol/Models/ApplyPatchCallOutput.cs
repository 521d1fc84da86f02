using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>apply_patch_call_output</c> output item.</summary>
[JsonModel(Discriminator = "apply_patch_call_output")]
public sealed partial class ApplyPatchCallOutput : OutputItem
{
    public string? Id { get; set; }

    public string? CallId { get; set; }

    /// <summary>Who invoked the tool (<c>{"type":"program",...}</c>).</summary>
    public RawJson? Caller { get; set; }

    public StringEnum<ItemStatus>? Status { get; set; }

    public string? Output { get; set; }

    public string? CreatedBy { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
