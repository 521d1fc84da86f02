using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.function_call_arguments.done</c>: a function call's arguments are complete.</summary>
[JsonModel(Discriminator = "response.function_call_arguments.done")]
[NativeEventKind(26)]
public sealed partial class FunctionCallArgumentsDoneEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public Utf8Text? ItemId { get; set; }

    public int? OutputIndex { get; set; }

    public Utf8Text? Name { get; set; }

    public Utf8Text? Arguments { get; set; }
}
