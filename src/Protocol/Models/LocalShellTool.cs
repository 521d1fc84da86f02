using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>local_shell</c> tool.</summary>
[JsonModel(Discriminator = "local_shell")]
public sealed partial class LocalShellTool : Tool
{
    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
