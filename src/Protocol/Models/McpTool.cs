using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>mcp</c> tool.</summary>
[JsonModel(Discriminator = "mcp")]
public sealed partial class McpTool : Tool
{
    /// <summary>A label for the MCP server, used to identify it in tool calls.</summary>
    public string? ServerLabel { get; set; }

    /// <summary>
    /// The URL of the MCP server (one of <see cref="ServerUrl"/> and <see cref="ConnectorId"/> is set).
    /// </summary>
    public string? ServerUrl { get; set; }

    /// <summary>A description of the server, for the model.</summary>
    public string? ServerDescription { get; set; }

    /// <summary>The id of a service connector used instead of <see cref="ServerUrl"/>.</summary>
    public string? ConnectorId { get; set; }

    /// <summary>An OAuth access token the API sends to the server or connector. A secret: do not log it.</summary>
    public string? Authorization { get; set; }

    /// <summary>The tools of the server the model may use (a list of names or a filter object), as JSON.</summary>
    public RawJson? AllowedTools { get; set; }

    /// <summary>HTTP headers to send to the server, as JSON.</summary>
    public RawJson? Headers { get; set; }

    /// <summary>
    /// Which tools need approval before they run (<c>always</c>, <c>never</c> or a filter object), as JSON.
    /// </summary>
    public RawJson? RequireApproval { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
