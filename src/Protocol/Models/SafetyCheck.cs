using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>A pending or acknowledged computer-use safety check.</summary>
[JsonModel]
public sealed partial class SafetyCheck
{
    public string? Id { get; set; }

    public string? Code { get; set; }

    public string? Message { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
