using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>mcp</c> tool.</summary>
[JsonModel(Discriminator = "mcp")]
public sealed partial class McpTool : Tool
{
    public string? ServerLabel { get; set; }

    public string? ServerUrl { get; set; }

    public string? ServerDescription { get; set; }

    public string? ConnectorId { get; set; }

    public string? Authorization { get; set; }

    public RawJson? AllowedTools { get; set; }

    public RawJson? Headers { get; set; }

    public RawJson? RequireApproval { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
