using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>web_search</c> tool.</summary>
[JsonModel(Discriminator = "web_search")]
public sealed partial class WebSearchTool : Tool
{
    /// <summary>How much context the search retrieves: <c>low</c>, <c>medium</c> or <c>high</c>.</summary>
    public string? SearchContextSize { get; set; }

    /// <summary>The approximate location of the user, to localize results, as JSON.</summary>
    public RawJson? UserLocation { get; set; }

    /// <summary>Which domains the search is limited to (<c>allowed_domains</c>), as JSON.</summary>
    public RawJson? Filters { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
