using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>mcp_approval_response</c> output item.</summary>
[JsonModel(Discriminator = "mcp_approval_response")]
public sealed partial class McpApprovalResponse : OutputItem
{
    /// <summary>The item's id: set by the API on output, optional on input.</summary>
    public string? Id { get; set; }

    /// <summary>The id of the <c>mcp_approval_request</c> this answers.</summary>
    public string? ApprovalRequestId { get; set; }

    /// <summary>Whether the call is approved.</summary>
    public bool? Approve { get; set; }

    /// <summary>The reason for the decision, or null.</summary>
    public string? Reason { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
