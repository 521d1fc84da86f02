using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>mcp_list_tools</c> output item.</summary>
[JsonModel(Discriminator = "mcp_list_tools")]
public sealed partial class McpListTools : OutputItem
{
    public string? Id { get; set; }

    public string? ServerLabel { get; set; }

    public List<McpToolInfo>? Tools { get; set; }

    public string? Error { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
