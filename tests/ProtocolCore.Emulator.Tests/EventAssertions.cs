using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace ProtocolCore.Emulator.Tests;

/// <summary>Checks that one response's events follow spec §2.2.</summary>
internal static class EventAssertions
{
    public static void WellFormed(IReadOnlyList<ReceivedEvent> events, string expectedTerminal = "response.completed")
    {
        Assert.Equal("response.created", events[0].Type);
        Assert.Equal(expectedTerminal, events[^1].Type);

        // sequence_number starts at 0 and grows by exactly one per sequenced event.
        int[] sequence = events.Where(e => e.SequenceNumber is not null).Select(e => e.SequenceNumber!.Value).ToArray();
        Assert.Equal(Enumerable.Range(0, sequence.Length), sequence);

        string id = events[0].Root.GetProperty("response").GetProperty("id").GetString()!;
        foreach (ReceivedEvent e in events.Where(e => e.Root.TryGetProperty("response", out _)))
        {
            Assert.Equal(id, e.Root.GetProperty("response").GetProperty("id").GetString());
        }

        // Items open and close in order; deltas and parts only inside their item.
        int? open = null;
        int next = 0;
        foreach (ReceivedEvent e in events)
        {
            switch (e.Type)
            {
                case "response.output_item.added":
                    Assert.Null(open);
                    Assert.Equal(next, e.Root.GetProperty("output_index").GetInt32());
                    open = next;
                    break;
                case "response.output_item.done":
                    Assert.Equal(open, e.Root.GetProperty("output_index").GetInt32());
                    open = null;
                    next++;
                    break;
                case "response.function_call_arguments.delta" or "response.function_call_arguments.done" or
                     "response.content_part.added" or "response.content_part.done" or
                     "response.output_text.delta" or "response.output_text.done" or
                     "response.refusal.delta" or "response.refusal.done":
                    Assert.Equal(open, e.Root.GetProperty("output_index").GetInt32());
                    break;
            }
        }

        if (expectedTerminal is "response.completed" or "response.done")
        {
            Assert.Null(open);
            JsonElement output = events[^1].Root.GetProperty("response").GetProperty("output");
            Assert.Equal(next, output.GetArrayLength());
        }
    }

    public static List<string> Types(IEnumerable<ReceivedEvent> events) => events.Select(e => e.Type).ToList();
}
