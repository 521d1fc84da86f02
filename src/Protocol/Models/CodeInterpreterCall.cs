using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>code_interpreter_call</c> output item.</summary>
[JsonModel(Discriminator = "code_interpreter_call")]
public sealed partial class CodeInterpreterCall : OutputItem
{
    /// <summary>The item's id, assigned by the API.</summary>
    public string? Id { get; set; }

    /// <summary>
    /// The item's <c>status</c>: <c>in_progress</c>, <c>interpreting</c>, <c>completed</c>, <c>incomplete</c> or
    /// <c>failed</c>.
    /// </summary>
    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>The id of the container the code ran in.</summary>
    public string? ContainerId { get; set; }

    /// <summary>The code the model ran, or null when there is none yet.</summary>
    public string? Code { get; set; }

    /// <summary>
    /// What the code produced (<c>logs</c> and <c>image</c> outputs), or null; sent only when the request's
    /// <c>include</c> asks for <c>code_interpreter_call.outputs</c>.
    /// </summary>
    public List<CodeInterpreterOutput>? Outputs { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
