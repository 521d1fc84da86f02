using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>A pending or acknowledged computer-use safety check.</summary>
[JsonModel]
public sealed partial class SafetyCheck
{
    /// <summary>The id of the safety check.</summary>
    public string? Id { get; set; }

    /// <summary>The type of the safety check, or null.</summary>
    public string? Code { get; set; }

    /// <summary>Details about the safety check, or null.</summary>
    public string? Message { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
