using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>computer_use_preview</c> tool.</summary>
[JsonModel(Discriminator = "computer_use_preview")]
public sealed partial class ComputerUsePreviewTool : Tool
{
    /// <summary>The width of the computer display, in pixels.</summary>
    public int? DisplayWidth { get; set; }

    /// <summary>The height of the computer display, in pixels.</summary>
    public int? DisplayHeight { get; set; }

    /// <summary>
    /// The kind of environment to control (for example <c>browser</c>, <c>mac</c>, <c>windows</c>, <c>ubuntu</c>).
    /// </summary>
    public string? Environment { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
