using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>file_search_call</c> output item.</summary>
[JsonModel(Discriminator = "file_search_call")]
public sealed partial class FileSearchCall : OutputItem
{
    public string? Id { get; set; }

    public StringEnum<ItemStatus>? Status { get; set; }

    public List<string>? Queries { get; set; }

    public List<FileSearchResult>? Results { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
