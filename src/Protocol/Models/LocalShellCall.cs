using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>local_shell_call</c> output item.</summary>
[JsonModel(Discriminator = "local_shell_call")]
public sealed partial class LocalShellCall : OutputItem
{
    public string? Id { get; set; }

    public string? CallId { get; set; }

    public LocalShellExecAction? Action { get; set; }

    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
