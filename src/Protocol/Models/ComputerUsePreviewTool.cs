using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>computer_use_preview</c> tool.</summary>
[JsonModel(Discriminator = "computer_use_preview")]
public sealed partial class ComputerUsePreviewTool : Tool
{
    public int? DisplayWidth { get; set; }

    public int? DisplayHeight { get; set; }

    public string? Environment { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
