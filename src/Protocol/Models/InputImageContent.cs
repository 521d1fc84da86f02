using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>input_image</c> input content.</summary>
[JsonModel(Discriminator = "input_image")]
public sealed partial class InputImageContent : InputContent
{
    /// <summary>
    /// The URL of the image, or the image inline as a base64 data URL; null when <see cref="FileId"/> is used.
    /// </summary>
    public string? ImageUrl { get; set; }

    /// <summary>The id of an uploaded image file, or null.</summary>
    public string? FileId { get; set; }

    /// <summary>The detail level of the image: <c>low</c>, <c>high</c>, <c>auto</c> or <c>original</c>.</summary>
    public StringEnum<ImageDetail>? Detail { get; set; }

    /// <summary>Marks this part as a prompt cache breakpoint (<c>prompt_cache_breakpoint</c>), as JSON.</summary>
    public RawJson? PromptCacheBreakpoint { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
