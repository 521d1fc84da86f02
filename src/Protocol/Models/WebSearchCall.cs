using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>web_search_call</c> output item.</summary>
[JsonModel(Discriminator = "web_search_call")]
public sealed partial class WebSearchCall : OutputItem
{
    /// <summary>The item's id, assigned by the API.</summary>
    public string? Id { get; set; }

    /// <summary>
    /// The item's <c>status</c>: <c>in_progress</c>, <c>searching</c>, <c>completed</c> or <c>failed</c>.
    /// </summary>
    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>What the model did: <c>search</c>, <c>open_page</c>, <c>find</c> or <c>find_in_page</c>.</summary>
    public WebSearchAction? Action { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
