using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>web_search_preview</c> tool.</summary>
[JsonModel(Discriminator = "web_search_preview")]
public sealed partial class WebSearchPreviewTool : Tool
{
    public string? SearchContextSize { get; set; }

    public RawJson? UserLocation { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
