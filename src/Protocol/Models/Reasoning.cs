using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>reasoning</c>: the reasoning configuration.</summary>
[JsonModel]
public sealed partial class Reasoning
{
    public StringEnum<ReasoningEffort>? Effort { get; set; }

    public string? Summary { get; set; }

    public string? GenerateSummary { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
