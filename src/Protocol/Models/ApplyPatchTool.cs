using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>apply_patch</c> tool.</summary>
[JsonModel(Discriminator = "apply_patch")]
public sealed partial class ApplyPatchTool : Tool
{
    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
