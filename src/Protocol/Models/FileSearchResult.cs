using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>One result of a <c>file_search_call</c>.</summary>
[JsonModel]
public sealed partial class FileSearchResult
{
    /// <summary>The id of the file the result comes from.</summary>
    public string? FileId { get; set; }

    /// <summary>The name of the file the result comes from.</summary>
    public string? Filename { get; set; }

    /// <summary>The relevance score of the result, between 0 and 1.</summary>
    public double? Score { get; set; }

    /// <summary>The text retrieved from the file.</summary>
    public string? Text { get; set; }

    /// <summary>The attributes of the file (string, number or boolean values by key), as JSON.</summary>
    public RawJson? Attributes { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
