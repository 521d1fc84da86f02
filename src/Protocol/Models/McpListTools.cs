using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>mcp_list_tools</c> output item.</summary>
[JsonModel(Discriminator = "mcp_list_tools")]
public sealed partial class McpListTools : OutputItem
{
    /// <summary>The item's id, assigned by the API.</summary>
    public string? Id { get; set; }

    /// <summary>
    /// The label of the MCP server (<c>server_label</c>), as configured in the request's <c>mcp</c> tool.
    /// </summary>
    public string? ServerLabel { get; set; }

    /// <summary>The tools the server offers.</summary>
    public List<McpToolInfo>? Tools { get; set; }

    /// <summary>The error when the server could not list its tools, or null.</summary>
    public string? Error { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
