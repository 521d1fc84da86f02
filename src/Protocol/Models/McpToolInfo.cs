using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>One tool listed by an <c>mcp_list_tools</c> item.</summary>
[JsonModel]
public sealed partial class McpToolInfo
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public RawJson? InputSchema { get; set; }

    public RawJson? Annotations { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
