using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>shell</c> tool.</summary>
[JsonModel(Discriminator = "shell")]
public sealed partial class ShellTool : Tool
{
    /// <summary>Where commands run (a local environment or a container), as JSON.</summary>
    public RawJson? Environment { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
