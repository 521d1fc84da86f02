using System;
using System.Collections.Generic;
using System.Linq;
using ProtocolCore.Events;
using ProtocolCore.Native;

namespace ProtocolCore.Tests.Native;

/// <summary>
/// The ABI's event numbers are fixed forever: a released <c>PC_EVENT_*</c> value never changes. They come from the
/// <c>[NativeEventKind(n)]</c> on each event class (the generator builds <see cref="EventKinds"/> from them); this table
/// is the independent record of every number ever released, so editing an attribute fails here. A new event type adds
/// its line; no line is ever changed or removed.
/// </summary>
public class EventKindNumberTests
{
    private static readonly Dictionary<string, int> s_released = new(StringComparer.Ordinal)
    {
        ["error"] = 1,
        ["response.apply_patch_call_operation_diff.delta"] = 2,
        ["response.apply_patch_call_operation_diff.done"] = 3,
        ["response.audio.delta"] = 4,
        ["response.audio.done"] = 5,
        ["response.audio.transcript.delta"] = 6,
        ["response.audio.transcript.done"] = 7,
        ["response.code_interpreter_call.completed"] = 8,
        ["response.code_interpreter_call.in_progress"] = 9,
        ["response.code_interpreter_call.interpreting"] = 10,
        ["response.code_interpreter_call_code.delta"] = 11,
        ["response.code_interpreter_call_code.done"] = 12,
        ["response.compaction.compacting"] = 13,
        ["response.completed"] = 14,
        ["response.content_part.added"] = 15,
        ["response.content_part.done"] = 16,
        ["response.created"] = 17,
        ["response.custom_tool_call_input.delta"] = 18,
        ["response.custom_tool_call_input.done"] = 19,
        ["response.done"] = 20,
        ["response.failed"] = 21,
        ["response.file_search_call.completed"] = 22,
        ["response.file_search_call.in_progress"] = 23,
        ["response.file_search_call.searching"] = 24,
        ["response.function_call_arguments.delta"] = 25,
        ["response.function_call_arguments.done"] = 26,
        ["response.image_generation_call.completed"] = 27,
        ["response.image_generation_call.generating"] = 28,
        ["response.image_generation_call.in_progress"] = 29,
        ["response.image_generation_call.partial_image"] = 30,
        ["response.in_progress"] = 31,
        ["response.incomplete"] = 32,
        ["response.inject.created"] = 33,
        ["response.inject.failed"] = 34,
        ["response.mcp_call.completed"] = 35,
        ["response.mcp_call.failed"] = 36,
        ["response.mcp_call.in_progress"] = 37,
        ["response.mcp_call_arguments.delta"] = 38,
        ["response.mcp_call_arguments.done"] = 39,
        ["response.mcp_list_tools.completed"] = 40,
        ["response.mcp_list_tools.failed"] = 41,
        ["response.mcp_list_tools.in_progress"] = 42,
        ["response.output_item.added"] = 43,
        ["response.output_item.done"] = 44,
        ["response.output_text.annotation.added"] = 45,
        ["response.output_text.delta"] = 46,
        ["response.output_text.done"] = 47,
        ["response.queued"] = 48,
        ["response.reasoning_summary_part.added"] = 49,
        ["response.reasoning_summary_part.done"] = 50,
        ["response.reasoning_summary_text.delta"] = 51,
        ["response.reasoning_summary_text.done"] = 52,
        ["response.reasoning_text.delta"] = 53,
        ["response.reasoning_text.done"] = 54,
        ["response.refusal.delta"] = 55,
        ["response.refusal.done"] = 56,
        ["response.shell_call_command.added"] = 57,
        ["response.shell_call_command.delta"] = 58,
        ["response.shell_call_command.done"] = 59,
        ["response.shell_call_output_content.delta"] = 60,
        ["response.shell_call_output_content.done"] = 61,
        ["response.steer.accepted"] = 62,
        ["response.steer.failed"] = 63,
        ["response.steer.pending"] = 64,
        ["response.web_search_call.completed"] = 65,
        ["response.web_search_call.in_progress"] = 66,
        ["response.web_search_call.searching"] = 67,
    };

    [Fact]
    public void EveryReleasedNumberStillNamesItsType()
    {
        foreach ((string type, int number) in s_released)
        {
            Assert.Equal(type, EventKinds.GetTypeString(number));
        }
    }

    [Fact]
    public void EveryEventClassKeepsItsReleasedNumber()
    {
        IReadOnlyList<string> known = ResponsesEvent.KnownDiscriminators;
        for (int i = 0; i < known.Count; i++)
        {
            // Index i + 1 is the ResponsesEventKind whose type string is known[i].
            var kind = (ResponsesEventKind)(i + 1);
            if (s_released.TryGetValue(known[i], out int released))
            {
                Assert.Equal(released, EventKinds.ToAbiKind(kind));
            }
            else
            {
                // A type newer than this table: it must take a number above every released one.
                Assert.True(EventKinds.ToAbiKind(kind) > s_released.Values.Max(), $"{known[i]} reuses a released number");
            }
        }
    }

    [Fact]
    public void UnknownIsZero()
    {
        Assert.Equal(0, EventKinds.ToAbiKind(ResponsesEventKind.Unknown));
        Assert.Equal(string.Empty, EventKinds.GetTypeString(0));
    }
}
