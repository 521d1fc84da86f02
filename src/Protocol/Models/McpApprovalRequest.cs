using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>mcp_approval_request</c> output item.</summary>
[JsonModel(Discriminator = "mcp_approval_request")]
public sealed partial class McpApprovalRequest : OutputItem
{
    public string? Id { get; set; }

    public string? ServerLabel { get; set; }

    public string? Name { get; set; }

    public string? Arguments { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
