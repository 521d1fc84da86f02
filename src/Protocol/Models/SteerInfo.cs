using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>The <c>steer</c> object of the steering events.</summary>
[JsonModel]
public sealed partial class SteerInfo
{
    public string? Id { get; set; }

    public string? PreviousResponseId { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
