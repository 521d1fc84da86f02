using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>shell_call</c> output item.</summary>
[JsonModel(Discriminator = "shell_call")]
public sealed partial class ShellCall : OutputItem
{
    public string? Id { get; set; }

    public string? CallId { get; set; }

    /// <summary>Who invoked the tool (<c>{"type":"program",...}</c>).</summary>
    public RawJson? Caller { get; set; }

    public ShellAction? Action { get; set; }

    public StringEnum<ItemStatus>? Status { get; set; }

    public RawJson? Environment { get; set; }

    public string? CreatedBy { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
