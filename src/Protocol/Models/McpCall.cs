using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>mcp_call</c> output item.</summary>
[JsonModel(Discriminator = "mcp_call")]
public sealed partial class McpCall : OutputItem
{
    public string? Id { get; set; }

    public string? ServerLabel { get; set; }

    public string? Name { get; set; }

    public string? Arguments { get; set; }

    public string? Output { get; set; }

    public RawJson? Error { get; set; }

    public StringEnum<ItemStatus>? Status { get; set; }

    public string? ApprovalRequestId { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
