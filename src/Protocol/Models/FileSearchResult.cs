using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>One result of a <c>file_search_call</c>.</summary>
[JsonModel]
public sealed partial class FileSearchResult
{
    public string? FileId { get; set; }

    public string? Filename { get; set; }

    public double? Score { get; set; }

    public string? Text { get; set; }

    public RawJson? Attributes { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
