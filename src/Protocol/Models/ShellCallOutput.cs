using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>shell_call_output</c> output item.</summary>
[JsonModel(Discriminator = "shell_call_output")]
public sealed partial class ShellCallOutput : OutputItem
{
    public string? Id { get; set; }

    public string? CallId { get; set; }

    /// <summary>Who invoked the tool (<c>{"type":"program",...}</c>).</summary>
    public RawJson? Caller { get; set; }

    public StringEnum<ItemStatus>? Status { get; set; }

    public List<ShellCallOutputContent>? Output { get; set; }

    public int? MaxOutputLength { get; set; }

    public string? CreatedBy { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
