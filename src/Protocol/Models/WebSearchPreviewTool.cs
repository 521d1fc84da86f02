using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>web_search_preview</c> tool.</summary>
[JsonModel(Discriminator = "web_search_preview")]
public sealed partial class WebSearchPreviewTool : Tool
{
    /// <summary>How much context the search retrieves: <c>low</c>, <c>medium</c> or <c>high</c>.</summary>
    public string? SearchContextSize { get; set; }

    /// <summary>The approximate location of the user, to localize results, as JSON.</summary>
    public RawJson? UserLocation { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
