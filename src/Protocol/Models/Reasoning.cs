using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>reasoning</c>: the reasoning configuration.</summary>
[JsonModel]
public sealed partial class Reasoning
{
    /// <summary>
    /// How much the model reasons: <c>none</c>, <c>minimal</c>, <c>low</c>, <c>medium</c>, <c>high</c> or <c>xhigh</c>.
    /// </summary>
    public StringEnum<ReasoningEffort>? Effort { get; set; }

    /// <summary>
    /// Whether and how the model summarizes its reasoning (<c>auto</c>, <c>concise</c> or <c>detailed</c>).
    /// </summary>
    public string? Summary { get; set; }

    /// <summary>The deprecated spelling of <see cref="Summary"/> (<c>generate_summary</c>).</summary>
    public string? GenerateSummary { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
