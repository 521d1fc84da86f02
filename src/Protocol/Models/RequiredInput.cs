using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>One input a pending steer waits for (<c>required_input[]</c>).</summary>
[JsonModel]
public sealed partial class RequiredInput
{
    /// <summary>The kind of input required (for example an item type such as <c>function_call_output</c>).</summary>
    public string? Type { get; set; }

    /// <summary>The <c>call_id</c> of the tool call whose output is required.</summary>
    public string? CallId { get; set; }

    /// <summary>The name of the tool called, if given.</summary>
    public string? Name { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
