using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>tool_search_output</c> output item.</summary>
[JsonModel(Discriminator = "tool_search_output")]
public sealed partial class ToolSearchOutput : OutputItem
{
    public string? Id { get; set; }

    public string? CallId { get; set; }

    public string? Execution { get; set; }

    public List<Tool>? Tools { get; set; }

    public StringEnum<ItemStatus>? Status { get; set; }

    public string? CreatedBy { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
