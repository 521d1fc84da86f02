using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>search</c>.</summary>
[JsonModel(Discriminator = "search")]
public sealed partial class WebSearchSearchAction : WebSearchAction
{
    public string? Query { get; set; }

    public List<string>? Queries { get; set; }

    public RawJson? Sources { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
