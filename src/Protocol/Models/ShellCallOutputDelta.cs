using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>The <c>delta</c> of <c>response.shell_call_output_content.delta</c>.</summary>
[JsonModel]
public sealed partial class ShellCallOutputDelta
{
    public string? Stdout { get; set; }

    public string? Stderr { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
