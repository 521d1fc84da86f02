using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>web_search</c> tool.</summary>
[JsonModel(Discriminator = "web_search")]
public sealed partial class WebSearchTool : Tool
{
    public string? SearchContextSize { get; set; }

    public RawJson? UserLocation { get; set; }

    public RawJson? Filters { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
