using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>tool_search_call</c> output item.</summary>
[JsonModel(Discriminator = "tool_search_call")]
public sealed partial class ToolSearchCall : OutputItem
{
    /// <summary>The item's id: set by the API on output, optional on input.</summary>
    public string? Id { get; set; }

    /// <summary>The id that pairs this call with its <c>tool_search_output</c>, or null.</summary>
    public string? CallId { get; set; }

    /// <summary>Who runs the search: <c>server</c> or <c>client</c>.</summary>
    public string? Execution { get; set; }

    /// <summary>The arguments of the search, as JSON.</summary>
    public RawJson? Arguments { get; set; }

    /// <summary>The item's <c>status</c>: <c>in_progress</c>, <c>completed</c> or <c>incomplete</c>.</summary>
    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>The identifier of the actor that created the item; set by the API.</summary>
    public string? CreatedBy { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
