using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>file_search</c> tool.</summary>
[JsonModel(Discriminator = "file_search")]
public sealed partial class FileSearchTool : Tool
{
    public List<string>? VectorStoreIds { get; set; }

    public int? MaxNumResults { get; set; }

    public RawJson? RankingOptions { get; set; }

    public RawJson? Filters { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
