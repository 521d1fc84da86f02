using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>mcp_approval_response</c> output item.</summary>
[JsonModel(Discriminator = "mcp_approval_response")]
public sealed partial class McpApprovalResponse : OutputItem
{
    public string? Id { get; set; }

    public string? ApprovalRequestId { get; set; }

    public bool? Approve { get; set; }

    public string? Reason { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
