using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>file_search_call</c> output item.</summary>
[JsonModel(Discriminator = "file_search_call")]
public sealed partial class FileSearchCall : OutputItem
{
    /// <summary>The item's id, assigned by the API.</summary>
    public string? Id { get; set; }

    /// <summary>
    /// The item's <c>status</c>: <c>in_progress</c>, <c>searching</c>, <c>completed</c>, <c>incomplete</c> or
    /// <c>failed</c>.
    /// </summary>
    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>The queries the model searched with.</summary>
    public List<string>? Queries { get; set; }

    /// <summary>
    /// The results, or null; sent only when the request's <c>include</c> asks for <c>file_search_call.results</c>.
    /// </summary>
    public List<FileSearchResult>? Results { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
