using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>find_in_page</c>.</summary>
[JsonModel(Discriminator = "find_in_page")]
public sealed partial class WebSearchFindInPageAction : WebSearchAction
{
    /// <summary>The URL of the page searched.</summary>
    public string? Url { get; set; }

    /// <summary>The text searched for in the page.</summary>
    public string? Pattern { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
