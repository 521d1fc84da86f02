using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>program</c> output item.</summary>
[JsonModel(Discriminator = "program")]
public sealed partial class ProgramItem : OutputItem
{
    public string? Id { get; set; }

    public string? CallId { get; set; }

    public string? Code { get; set; }

    public string? Fingerprint { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
