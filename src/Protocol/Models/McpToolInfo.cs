using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>One tool listed by an <c>mcp_list_tools</c> item.</summary>
[JsonModel]
public sealed partial class McpToolInfo
{
    /// <summary>The name of the tool.</summary>
    public string? Name { get; set; }

    /// <summary>The description of the tool.</summary>
    public string? Description { get; set; }

    /// <summary>The JSON schema of the tool's input, as JSON.</summary>
    public RawJson? InputSchema { get; set; }

    /// <summary>Additional annotations about the tool, as JSON.</summary>
    public RawJson? Annotations { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
