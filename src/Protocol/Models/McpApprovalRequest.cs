using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>mcp_approval_request</c> output item.</summary>
[JsonModel(Discriminator = "mcp_approval_request")]
public sealed partial class McpApprovalRequest : OutputItem
{
    /// <summary>
    /// The id of the request; the <c>mcp_approval_response</c> answers it by <c>approval_request_id</c>.
    /// </summary>
    public string? Id { get; set; }

    /// <summary>
    /// The label of the MCP server (<c>server_label</c>), as configured in the request's <c>mcp</c> tool.
    /// </summary>
    public string? ServerLabel { get; set; }

    /// <summary>The name of the tool to run.</summary>
    public string? Name { get; set; }

    /// <summary>The arguments for the tool, a JSON object serialized as a string.</summary>
    public string? Arguments { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
