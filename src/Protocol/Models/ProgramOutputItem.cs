using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>program_output</c> output item.</summary>
[JsonModel(Discriminator = "program_output")]
public sealed partial class ProgramOutputItem : OutputItem
{
    public string? Id { get; set; }

    public string? CallId { get; set; }

    public string? Result { get; set; }

    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
