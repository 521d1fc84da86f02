using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>One input a pending steer waits for (<c>required_input[]</c>).</summary>
[JsonModel]
public sealed partial class RequiredInput
{
    public string? Type { get; set; }

    public string? CallId { get; set; }

    public string? Name { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
