using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>input_image</c> input content.</summary>
[JsonModel(Discriminator = "input_image")]
public sealed partial class InputImageContent : InputContent
{
    public string? ImageUrl { get; set; }

    public string? FileId { get; set; }

    public StringEnum<ImageDetail>? Detail { get; set; }

    public RawJson? PromptCacheBreakpoint { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
