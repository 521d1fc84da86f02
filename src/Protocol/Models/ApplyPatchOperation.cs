using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>The <c>operation</c> of an <c>apply_patch_call</c> (<c>create_file</c>, <c>update_file</c>, <c>delete_file</c>).</summary>
[JsonModel]
public sealed partial class ApplyPatchOperation
{
    /// <summary>The operation: <c>create_file</c>, <c>update_file</c> or <c>delete_file</c>.</summary>
    public string? Type { get; set; }

    /// <summary>The path of the file the operation applies to.</summary>
    public string? Path { get; set; }

    /// <summary>The diff to apply (<c>create_file</c> and <c>update_file</c>); absent for <c>delete_file</c>.</summary>
    public string? Diff { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
