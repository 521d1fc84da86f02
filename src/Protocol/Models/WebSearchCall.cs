using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>web_search_call</c> output item.</summary>
[JsonModel(Discriminator = "web_search_call")]
public sealed partial class WebSearchCall : OutputItem
{
    public string? Id { get; set; }

    public StringEnum<ItemStatus>? Status { get; set; }

    public WebSearchAction? Action { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
