using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>program</c> output item.</summary>
[JsonModel(Discriminator = "program")]
public sealed partial class ProgramItem : OutputItem
{
    /// <summary>The item's id: set by the API on output, optional on input.</summary>
    public string? Id { get; set; }

    /// <summary>The id that pairs this program with its <c>program_output</c>.</summary>
    public string? CallId { get; set; }

    /// <summary>The program's code.</summary>
    public string? Code { get; set; }

    /// <summary>The program's <c>fingerprint</c>.</summary>
    public string? Fingerprint { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
