using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.function_call_arguments.done</c>: a function call's arguments are complete.</summary>
[JsonModel(Discriminator = "response.function_call_arguments.done")]
[NativeEventKind(26)]
public sealed partial class FunctionCallArgumentsDoneEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The id of the output item this event is about.</summary>
    public Utf8Text? ItemId { get; set; }

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>
    /// The name of the function. The spec requires it but live traffic omits it: take the name and <c>call_id</c> from
    /// <c>response.output_item.added</c>/<c>done</c>.
    /// </summary>
    public Utf8Text? Name { get; set; }

    /// <summary>The whole arguments, a JSON object serialized as a string.</summary>
    public Utf8Text? Arguments { get; set; }
}
