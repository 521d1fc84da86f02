using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>function_call</c>: the model calls a function tool.</summary>
[JsonModel(Discriminator = "function_call")]
public sealed partial class FunctionCall : OutputItem
{
    /// <summary>The item's id: set by the API on output, optional on input.</summary>
    public string? Id { get; set; }

    /// <summary>
    /// The id that pairs this call with its output item: the <c>function_call_output</c> that answers it carries the
    /// same <c>call_id</c>.
    /// </summary>
    public string? CallId { get; set; }

    /// <summary>The <c>namespace</c> tool the called function belongs to, if any.</summary>
    public string? Namespace { get; set; }

    /// <summary>The name of the function called.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// The arguments, a JSON object serialized as a string (parse it; the model may produce invalid JSON).
    /// </summary>
    public string? Arguments { get; set; }

    /// <summary>The item's <c>status</c>: <c>in_progress</c>, <c>completed</c> or <c>incomplete</c>.</summary>
    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>Who invoked the tool (<c>{"type":"program",...}</c>).</summary>
    public RawJson? Caller { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
