using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>custom_tool_call</c>: the model calls a custom tool (output, and replayed as input).</summary>
[JsonModel(Discriminator = "custom_tool_call")]
public sealed partial class CustomToolCall : OutputItem
{
    /// <summary>The item's id: set by the API on output, optional on input.</summary>
    public string? Id { get; set; }

    /// <summary>
    /// The id that pairs this call with its output item: the <c>custom_tool_call_output</c> that answers it carries the
    /// same <c>call_id</c>.
    /// </summary>
    public string? CallId { get; set; }

    /// <summary>Who invoked the tool (<c>{"type":"program",...}</c>).</summary>
    public RawJson? Caller { get; set; }

    /// <summary>The <c>namespace</c> tool the called tool belongs to, if any.</summary>
    public string? Namespace { get; set; }

    /// <summary>The name of the custom tool called.</summary>
    public string? Name { get; set; }

    /// <summary>The input the model wrote for the tool, as free text.</summary>
    public string? Input { get; set; }

    /// <summary>The item's <c>status</c>: <c>in_progress</c>, <c>completed</c> or <c>incomplete</c>.</summary>
    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
