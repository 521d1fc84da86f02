using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>open_page</c>.</summary>
[JsonModel(Discriminator = "open_page")]
public sealed partial class WebSearchOpenPageAction : WebSearchAction
{
    /// <summary>The URL opened, or null.</summary>
    public string? Url { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
