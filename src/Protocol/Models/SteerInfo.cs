using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>The <c>steer</c> object of the steering events.</summary>
[JsonModel]
public sealed partial class SteerInfo
{
    /// <summary>The id of the steer.</summary>
    public string? Id { get; set; }

    /// <summary>The response the steer applies to.</summary>
    public string? PreviousResponseId { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
