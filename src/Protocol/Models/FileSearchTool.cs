using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>file_search</c> tool.</summary>
[JsonModel(Discriminator = "file_search")]
public sealed partial class FileSearchTool : Tool
{
    /// <summary>The ids of the vector stores to search.</summary>
    public List<string>? VectorStoreIds { get; set; }

    /// <summary>The most results the search returns.</summary>
    public int? MaxNumResults { get; set; }

    /// <summary>How results are ranked (<c>ranker</c>, <c>score_threshold</c>), as JSON.</summary>
    public RawJson? RankingOptions { get; set; }

    /// <summary>A filter on file attributes, as JSON.</summary>
    public RawJson? Filters { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
