using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>code_interpreter_call</c> output item.</summary>
[JsonModel(Discriminator = "code_interpreter_call")]
public sealed partial class CodeInterpreterCall : OutputItem
{
    public string? Id { get; set; }

    public StringEnum<ItemStatus>? Status { get; set; }

    public string? ContainerId { get; set; }

    public string? Code { get; set; }

    public List<CodeInterpreterOutput>? Outputs { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
