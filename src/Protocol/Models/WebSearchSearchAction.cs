using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>search</c>.</summary>
[JsonModel(Discriminator = "search")]
public sealed partial class WebSearchSearchAction : WebSearchAction
{
    /// <summary>The search query.</summary>
    public string? Query { get; set; }

    /// <summary>The search queries, when there are several.</summary>
    public List<string>? Queries { get; set; }

    /// <summary>
    /// The sources used; sent only when the request's <c>include</c> asks for <c>web_search_call.action.sources</c>, as
    /// JSON.
    /// </summary>
    public RawJson? Sources { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
