using System;

namespace ProtocolCore.Benchmarks.Json;

internal static class EventSamples
{
    public static byte[] Load(EventSample sample) => sample switch
    {
        EventSample.OutputTextDelta => FixtureEvents.Pick("response.output_text.delta", preferredBytes: 190),
        EventSample.FunctionCallArgumentsDelta => FixtureEvents.Pick("response.function_call_arguments.delta", preferredBytes: 190),
        EventSample.OutputItemDone => FixtureEvents.Pick("response.output_item.done"),
        EventSample.ResponseCompleted => FixtureEvents.Pick("response.completed"),
        _ => throw new ArgumentOutOfRangeException(nameof(sample)),
    };
}
