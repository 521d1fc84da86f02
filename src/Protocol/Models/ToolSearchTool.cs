using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>tool_search</c> tool.</summary>
[JsonModel(Discriminator = "tool_search")]
public sealed partial class ToolSearchTool : Tool
{
    /// <summary>What the search is for, for the model.</summary>
    public string? Description { get; set; }

    /// <summary>Who runs the search: <c>server</c> or <c>client</c>.</summary>
    public string? Execution { get; set; }

    /// <summary>The JSON schema of the search arguments (client execution), as JSON.</summary>
    public RawJson? Parameters { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
