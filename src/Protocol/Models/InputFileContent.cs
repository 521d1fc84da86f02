using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>input_file</c> input content.</summary>
[JsonModel(Discriminator = "input_file")]
public sealed partial class InputFileContent : InputContent
{
    public string? FileId { get; set; }

    public string? Filename { get; set; }

    public string? FileData { get; set; }

    public string? FileUrl { get; set; }

    public string? Detail { get; set; }

    public RawJson? PromptCacheBreakpoint { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
