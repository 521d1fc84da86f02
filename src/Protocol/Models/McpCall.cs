using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>mcp_call</c> output item.</summary>
[JsonModel(Discriminator = "mcp_call")]
public sealed partial class McpCall : OutputItem
{
    /// <summary>The item's id, assigned by the API.</summary>
    public string? Id { get; set; }

    /// <summary>
    /// The label of the MCP server (<c>server_label</c>), as configured in the request's <c>mcp</c> tool.
    /// </summary>
    public string? ServerLabel { get; set; }

    /// <summary>The name of the tool that ran.</summary>
    public string? Name { get; set; }

    /// <summary>The arguments passed to the tool, a JSON object serialized as a string.</summary>
    public string? Arguments { get; set; }

    /// <summary>The output of the tool, or null.</summary>
    public string? Output { get; set; }

    /// <summary>The error of the call, or null, as JSON.</summary>
    public RawJson? Error { get; set; }

    /// <summary>
    /// The item's <c>status</c>: <c>in_progress</c>, <c>calling</c>, <c>completed</c>, <c>incomplete</c> or
    /// <c>failed</c>.
    /// </summary>
    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>
    /// The id of the <c>mcp_approval_request</c> that approved this call, or null when none was needed.
    /// </summary>
    public string? ApprovalRequestId { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
