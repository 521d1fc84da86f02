using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>input_file</c> input content.</summary>
[JsonModel(Discriminator = "input_file")]
public sealed partial class InputFileContent : InputContent
{
    /// <summary>The id of an uploaded file, or null.</summary>
    public string? FileId { get; set; }

    /// <summary>The name of the file.</summary>
    public string? Filename { get; set; }

    /// <summary>The content of the file, inline.</summary>
    public string? FileData { get; set; }

    /// <summary>The URL of the file.</summary>
    public string? FileUrl { get; set; }

    /// <summary>The detail level of the file: <c>auto</c>, <c>low</c> or <c>high</c>.</summary>
    public string? Detail { get; set; }

    /// <summary>Marks this part as a prompt cache breakpoint (<c>prompt_cache_breakpoint</c>), as JSON.</summary>
    public RawJson? PromptCacheBreakpoint { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
