using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>custom</c> tool.</summary>
[JsonModel(Discriminator = "custom")]
public sealed partial class CustomTool : Tool
{
    /// <summary>The tool's name, as the model calls it.</summary>
    public string? Name { get; set; }

    /// <summary>What the tool does, for the model.</summary>
    public string? Description { get; set; }

    /// <summary>The input format: <c>{"type":"text"}</c> or a grammar, as JSON; absent means free text.</summary>
    public RawJson? Format { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
