using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using ProtocolCore.Events;

namespace ProtocolCore.Native;

/// <summary>
/// The ABI's event kinds (<c>pc_event.kind</c>, <c>PC_EVENT_*</c> in protocolcore.h). <see cref="ResponsesEventKind"/>
/// is numbered by the generator in discriminator order, so a new event type would renumber it; the ABI must only grow,
/// so its numbers are fixed here (index = ABI kind) and new types are appended. Today both numberings agree.
/// MIRRORS: the <c>PC_EVENT_*</c> values in include/protocolcore.h (checked by <c>NativeHeaderTests</c>).
/// </summary>
internal static unsafe class EventKinds
{
    /// <summary>Type strings in ABI order; index 0 is "unknown" and has none. Declared first: the fields below read it.</summary>
    private static readonly string[] s_typesByAbiKind =
    [
        "",
        "error", // 1 Error
        "response.apply_patch_call_operation_diff.delta", // 2 ApplyPatchCallOperationDiffDelta
        "response.apply_patch_call_operation_diff.done", // 3 ApplyPatchCallOperationDiffDone
        "response.audio.delta", // 4 AudioDelta
        "response.audio.done", // 5 AudioDone
        "response.audio.transcript.delta", // 6 AudioTranscriptDelta
        "response.audio.transcript.done", // 7 AudioTranscriptDone
        "response.code_interpreter_call.completed", // 8 CodeInterpreterCallCompleted
        "response.code_interpreter_call.in_progress", // 9 CodeInterpreterCallInProgress
        "response.code_interpreter_call.interpreting", // 10 CodeInterpreterCallInterpreting
        "response.code_interpreter_call_code.delta", // 11 CodeInterpreterCallCodeDelta
        "response.code_interpreter_call_code.done", // 12 CodeInterpreterCallCodeDone
        "response.compaction.compacting", // 13 CompactionCompacting
        "response.completed", // 14 ResponseCompleted
        "response.content_part.added", // 15 ContentPartAdded
        "response.content_part.done", // 16 ContentPartDone
        "response.created", // 17 ResponseCreated
        "response.custom_tool_call_input.delta", // 18 CustomToolCallInputDelta
        "response.custom_tool_call_input.done", // 19 CustomToolCallInputDone
        "response.done", // 20 ResponseDone
        "response.failed", // 21 ResponseFailed
        "response.file_search_call.completed", // 22 FileSearchCallCompleted
        "response.file_search_call.in_progress", // 23 FileSearchCallInProgress
        "response.file_search_call.searching", // 24 FileSearchCallSearching
        "response.function_call_arguments.delta", // 25 FunctionCallArgumentsDelta
        "response.function_call_arguments.done", // 26 FunctionCallArgumentsDone
        "response.image_generation_call.completed", // 27 ImageGenerationCallCompleted
        "response.image_generation_call.generating", // 28 ImageGenerationCallGenerating
        "response.image_generation_call.in_progress", // 29 ImageGenerationCallInProgress
        "response.image_generation_call.partial_image", // 30 ImageGenerationCallPartialImage
        "response.in_progress", // 31 ResponseInProgress
        "response.incomplete", // 32 ResponseIncomplete
        "response.inject.created", // 33 ResponseInjectCreated
        "response.inject.failed", // 34 ResponseInjectFailed
        "response.mcp_call.completed", // 35 McpCallCompleted
        "response.mcp_call.failed", // 36 McpCallFailed
        "response.mcp_call.in_progress", // 37 McpCallInProgress
        "response.mcp_call_arguments.delta", // 38 McpCallArgumentsDelta
        "response.mcp_call_arguments.done", // 39 McpCallArgumentsDone
        "response.mcp_list_tools.completed", // 40 McpListToolsCompleted
        "response.mcp_list_tools.failed", // 41 McpListToolsFailed
        "response.mcp_list_tools.in_progress", // 42 McpListToolsInProgress
        "response.output_item.added", // 43 OutputItemAdded
        "response.output_item.done", // 44 OutputItemDone
        "response.output_text.annotation.added", // 45 OutputTextAnnotationAdded
        "response.output_text.delta", // 46 OutputTextDelta
        "response.output_text.done", // 47 OutputTextDone
        "response.queued", // 48 ResponseQueued
        "response.reasoning_summary_part.added", // 49 ReasoningSummaryPartAdded
        "response.reasoning_summary_part.done", // 50 ReasoningSummaryPartDone
        "response.reasoning_summary_text.delta", // 51 ReasoningSummaryTextDelta
        "response.reasoning_summary_text.done", // 52 ReasoningSummaryTextDone
        "response.reasoning_text.delta", // 53 ReasoningTextDelta
        "response.reasoning_text.done", // 54 ReasoningTextDone
        "response.refusal.delta", // 55 RefusalDelta
        "response.refusal.done", // 56 RefusalDone
        "response.shell_call_command.added", // 57 ShellCallCommandAdded
        "response.shell_call_command.delta", // 58 ShellCallCommandDelta
        "response.shell_call_command.done", // 59 ShellCallCommandDone
        "response.shell_call_output_content.delta", // 60 ShellCallOutputContentDelta
        "response.shell_call_output_content.done", // 61 ShellCallOutputContentDone
        "response.steer.accepted", // 62 SteerAccepted
        "response.steer.failed", // 63 SteerFailed
        "response.steer.pending", // 64 SteerPending
        "response.web_search_call.completed", // 65 WebSearchCallCompleted
        "response.web_search_call.in_progress", // 66 WebSearchCallInProgress
        "response.web_search_call.searching", // 67 WebSearchCallSearching
    ];

    /// <summary>Type strings in ABI order; index 0 is "unknown" and has none.</summary>
    public static ReadOnlySpan<string> TypesByAbiKind => s_typesByAbiKind;

    /// <summary>ABI kind per <see cref="ResponsesEventKind"/> value; 0 for types the ABI does not number yet.</summary>
    private static readonly int[] s_abiKindByKind = BuildAbiKinds();

    /// <summary>Every known type string as UTF-8, back to back in one pinned array so pc_event can point into it.</summary>
    private static readonly byte[] s_typeBytes = BuildTypeBytes(out s_typeOffsets);

    private static readonly int[] s_typeOffsets;

    public static int ToAbiKind(ResponsesEventKind kind) =>
        (uint)kind < (uint)s_abiKindByKind.Length ? s_abiKindByKind[(int)kind] : 0;

    /// <summary>The pinned UTF-8 type string of a known ABI kind (1 and up).</summary>
    public static byte* GetTypeUtf8(int abiKind, out int length)
    {
        int start = s_typeOffsets[abiKind];
        length = s_typeOffsets[abiKind + 1] - start;
        return (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(s_typeBytes)) + start;
    }

    private static int[] BuildAbiKinds()
    {
        IReadOnlyList<string> known = ResponsesEvent.KnownDiscriminators;
        var result = new int[known.Count + 1];
        ReadOnlySpan<string> abi = TypesByAbiKind;
        for (int i = 0; i < known.Count; i++)
        {
            // Index i + 1 is the ResponsesEventKind whose type string is known[i].
            for (int k = 1; k < abi.Length; k++)
            {
                if (string.Equals(abi[k], known[i], StringComparison.Ordinal))
                {
                    result[i + 1] = k;
                    break;
                }
            }
        }

        return result;
    }

    private static byte[] BuildTypeBytes(out int[] offsets)
    {
        ReadOnlySpan<string> abi = TypesByAbiKind;
        offsets = new int[abi.Length + 1];
        int total = 0;
        for (int k = 0; k < abi.Length; k++)
        {
            offsets[k] = total;
            total += Encoding.UTF8.GetByteCount(abi[k]);
        }

        offsets[abi.Length] = total;
        byte[] bytes = GC.AllocateUninitializedArray<byte>(total, pinned: true);
        for (int k = 0; k < abi.Length; k++)
        {
            Encoding.UTF8.GetBytes(abi[k], bytes.AsSpan(offsets[k]));
        }

        return bytes;
    }
}
