using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>The <c>operation</c> of an <c>apply_patch_call</c> (<c>create_file</c>, <c>update_file</c>, <c>delete_file</c>).</summary>
[JsonModel]
public sealed partial class ApplyPatchOperation
{
    public string? Type { get; set; }

    public string? Path { get; set; }

    public string? Diff { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
