using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>program_output</c> output item.</summary>
[JsonModel(Discriminator = "program_output")]
public sealed partial class ProgramOutputItem : OutputItem
{
    /// <summary>The item's id: set by the API on output, optional on input.</summary>
    public string? Id { get; set; }

    /// <summary>The <c>call_id</c> of the <c>program</c> this output answers.</summary>
    public string? CallId { get; set; }

    /// <summary>The result of the program.</summary>
    public string? Result { get; set; }

    /// <summary>The item's <c>status</c>: <c>completed</c> or <c>incomplete</c>.</summary>
    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
