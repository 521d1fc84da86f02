using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>tool_search</c> tool.</summary>
[JsonModel(Discriminator = "tool_search")]
public sealed partial class ToolSearchTool : Tool
{
    public string? Description { get; set; }

    public string? Execution { get; set; }

    public RawJson? Parameters { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
