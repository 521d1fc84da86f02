using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>function_call_output</c>: the result of a function call (sent by the client, or output when the API ran the tool).</summary>
[JsonModel(Discriminator = "function_call_output")]
public sealed partial class FunctionCallOutput : OutputItem
{
    /// <summary>The item's id: set by the API on output, optional on input.</summary>
    public string? Id { get; set; }

    /// <summary>The <c>call_id</c> of the <c>function_call</c> this output answers.</summary>
    public string? CallId { get; set; }

    /// <summary>The name of the function called, if given.</summary>
    public string? Name { get; set; }

    /// <summary>The <c>namespace</c> of the function called, if given.</summary>
    public string? Namespace { get; set; }

    /// <summary>Who invoked the tool (<c>{"type":"program",...}</c>).</summary>
    public RawJson? Caller { get; set; }

    /// <summary>A string or an array of content parts.</summary>
    public MessageContent? Output { get; set; }

    /// <summary>The item's <c>status</c>: <c>in_progress</c>, <c>completed</c> or <c>incomplete</c>.</summary>
    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>The identifier of the actor that created the item; set by the API.</summary>
    public string? CreatedBy { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
