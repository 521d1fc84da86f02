using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>local_shell_call_output</c> output item.</summary>
[JsonModel(Discriminator = "local_shell_call_output")]
public sealed partial class LocalShellCallOutput : OutputItem
{
    public string? Id { get; set; }

    public string? Output { get; set; }

    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
