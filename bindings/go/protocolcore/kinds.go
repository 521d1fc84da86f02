package protocolcore

import "strconv"

// EventKind is pc_event.kind: the event's type as a number fixed by the ABI (PC_EVENT_* in protocolcore.h). New
// types get new numbers at the end; KindUnknown is a type this library version does not number.
type EventKind int32

// Event kinds (MIRRORS pc_event_kind in protocolcore.h; TestHeaderMirrors checks every value).
const (
	KindUnknown                          EventKind = 0  // a type this library version does not number: read Type and RawJSON
	KindError                            EventKind = 1  // error
	KindApplyPatchCallOperationDiffDelta EventKind = 2  // response.apply_patch_call_operation_diff.delta
	KindApplyPatchCallOperationDiffDone  EventKind = 3  // response.apply_patch_call_operation_diff.done
	KindAudioDelta                       EventKind = 4  // response.audio.delta
	KindAudioDone                        EventKind = 5  // response.audio.done
	KindAudioTranscriptDelta             EventKind = 6  // response.audio.transcript.delta
	KindAudioTranscriptDone              EventKind = 7  // response.audio.transcript.done
	KindCodeInterpreterCallCompleted     EventKind = 8  // response.code_interpreter_call.completed
	KindCodeInterpreterCallInProgress    EventKind = 9  // response.code_interpreter_call.in_progress
	KindCodeInterpreterCallInterpreting  EventKind = 10 // response.code_interpreter_call.interpreting
	KindCodeInterpreterCallCodeDelta     EventKind = 11 // response.code_interpreter_call_code.delta
	KindCodeInterpreterCallCodeDone      EventKind = 12 // response.code_interpreter_call_code.done
	KindCompactionCompacting             EventKind = 13 // response.compaction.compacting
	KindResponseCompleted                EventKind = 14 // response.completed
	KindContentPartAdded                 EventKind = 15 // response.content_part.added
	KindContentPartDone                  EventKind = 16 // response.content_part.done
	KindResponseCreated                  EventKind = 17 // response.created
	KindCustomToolCallInputDelta         EventKind = 18 // response.custom_tool_call_input.delta
	KindCustomToolCallInputDone          EventKind = 19 // response.custom_tool_call_input.done
	KindResponseDone                     EventKind = 20 // response.done
	KindResponseFailed                   EventKind = 21 // response.failed
	KindFileSearchCallCompleted          EventKind = 22 // response.file_search_call.completed
	KindFileSearchCallInProgress         EventKind = 23 // response.file_search_call.in_progress
	KindFileSearchCallSearching          EventKind = 24 // response.file_search_call.searching
	KindFunctionCallArgumentsDelta       EventKind = 25 // response.function_call_arguments.delta
	KindFunctionCallArgumentsDone        EventKind = 26 // response.function_call_arguments.done
	KindImageGenerationCallCompleted     EventKind = 27 // response.image_generation_call.completed
	KindImageGenerationCallGenerating    EventKind = 28 // response.image_generation_call.generating
	KindImageGenerationCallInProgress    EventKind = 29 // response.image_generation_call.in_progress
	KindImageGenerationCallPartialImage  EventKind = 30 // response.image_generation_call.partial_image
	KindResponseInProgress               EventKind = 31 // response.in_progress
	KindResponseIncomplete               EventKind = 32 // response.incomplete
	KindResponseInjectCreated            EventKind = 33 // response.inject.created
	KindResponseInjectFailed             EventKind = 34 // response.inject.failed
	KindMcpCallCompleted                 EventKind = 35 // response.mcp_call.completed
	KindMcpCallFailed                    EventKind = 36 // response.mcp_call.failed
	KindMcpCallInProgress                EventKind = 37 // response.mcp_call.in_progress
	KindMcpCallArgumentsDelta            EventKind = 38 // response.mcp_call_arguments.delta
	KindMcpCallArgumentsDone             EventKind = 39 // response.mcp_call_arguments.done
	KindMcpListToolsCompleted            EventKind = 40 // response.mcp_list_tools.completed
	KindMcpListToolsFailed               EventKind = 41 // response.mcp_list_tools.failed
	KindMcpListToolsInProgress           EventKind = 42 // response.mcp_list_tools.in_progress
	KindOutputItemAdded                  EventKind = 43 // response.output_item.added
	KindOutputItemDone                   EventKind = 44 // response.output_item.done
	KindOutputTextAnnotationAdded        EventKind = 45 // response.output_text.annotation.added
	KindOutputTextDelta                  EventKind = 46 // response.output_text.delta
	KindOutputTextDone                   EventKind = 47 // response.output_text.done
	KindResponseQueued                   EventKind = 48 // response.queued
	KindReasoningSummaryPartAdded        EventKind = 49 // response.reasoning_summary_part.added
	KindReasoningSummaryPartDone         EventKind = 50 // response.reasoning_summary_part.done
	KindReasoningSummaryTextDelta        EventKind = 51 // response.reasoning_summary_text.delta
	KindReasoningSummaryTextDone         EventKind = 52 // response.reasoning_summary_text.done
	KindReasoningTextDelta               EventKind = 53 // response.reasoning_text.delta
	KindReasoningTextDone                EventKind = 54 // response.reasoning_text.done
	KindRefusalDelta                     EventKind = 55 // response.refusal.delta
	KindRefusalDone                      EventKind = 56 // response.refusal.done
	KindShellCallCommandAdded            EventKind = 57 // response.shell_call_command.added
	KindShellCallCommandDelta            EventKind = 58 // response.shell_call_command.delta
	KindShellCallCommandDone             EventKind = 59 // response.shell_call_command.done
	KindShellCallOutputContentDelta      EventKind = 60 // response.shell_call_output_content.delta
	KindShellCallOutputContentDone       EventKind = 61 // response.shell_call_output_content.done
	KindSteerAccepted                    EventKind = 62 // response.steer.accepted
	KindSteerFailed                      EventKind = 63 // response.steer.failed
	KindSteerPending                     EventKind = 64 // response.steer.pending
	KindWebSearchCallCompleted           EventKind = 65 // response.web_search_call.completed
	KindWebSearchCallInProgress          EventKind = 66 // response.web_search_call.in_progress
	KindWebSearchCallSearching           EventKind = 67 // response.web_search_call.searching
)

var kindTypes = [...]string{
	"",
	"error",
	"response.apply_patch_call_operation_diff.delta",
	"response.apply_patch_call_operation_diff.done",
	"response.audio.delta",
	"response.audio.done",
	"response.audio.transcript.delta",
	"response.audio.transcript.done",
	"response.code_interpreter_call.completed",
	"response.code_interpreter_call.in_progress",
	"response.code_interpreter_call.interpreting",
	"response.code_interpreter_call_code.delta",
	"response.code_interpreter_call_code.done",
	"response.compaction.compacting",
	"response.completed",
	"response.content_part.added",
	"response.content_part.done",
	"response.created",
	"response.custom_tool_call_input.delta",
	"response.custom_tool_call_input.done",
	"response.done",
	"response.failed",
	"response.file_search_call.completed",
	"response.file_search_call.in_progress",
	"response.file_search_call.searching",
	"response.function_call_arguments.delta",
	"response.function_call_arguments.done",
	"response.image_generation_call.completed",
	"response.image_generation_call.generating",
	"response.image_generation_call.in_progress",
	"response.image_generation_call.partial_image",
	"response.in_progress",
	"response.incomplete",
	"response.inject.created",
	"response.inject.failed",
	"response.mcp_call.completed",
	"response.mcp_call.failed",
	"response.mcp_call.in_progress",
	"response.mcp_call_arguments.delta",
	"response.mcp_call_arguments.done",
	"response.mcp_list_tools.completed",
	"response.mcp_list_tools.failed",
	"response.mcp_list_tools.in_progress",
	"response.output_item.added",
	"response.output_item.done",
	"response.output_text.annotation.added",
	"response.output_text.delta",
	"response.output_text.done",
	"response.queued",
	"response.reasoning_summary_part.added",
	"response.reasoning_summary_part.done",
	"response.reasoning_summary_text.delta",
	"response.reasoning_summary_text.done",
	"response.reasoning_text.delta",
	"response.reasoning_text.done",
	"response.refusal.delta",
	"response.refusal.done",
	"response.shell_call_command.added",
	"response.shell_call_command.delta",
	"response.shell_call_command.done",
	"response.shell_call_output_content.delta",
	"response.shell_call_output_content.done",
	"response.steer.accepted",
	"response.steer.failed",
	"response.steer.pending",
	"response.web_search_call.completed",
	"response.web_search_call.in_progress",
	"response.web_search_call.searching",
}

// String returns the event type the kind stands for ("response.output_text.delta"), or "unknown(N)" for KindUnknown
// and numbers this binding does not know.
func (k EventKind) String() string {
	if k > KindUnknown && int(k) < len(kindTypes) {
		return kindTypes[k]
	}
	return "unknown(" + strconv.Itoa(int(k)) + ")"
}

// IsTerminal reports whether an event of this kind ends a response: response.completed, response.failed,
// response.incomplete or response.done. (An error event ends a session's turn too, followed by ErrAPI.)
func (k EventKind) IsTerminal() bool {
	switch k {
	case KindResponseCompleted, KindResponseFailed, KindResponseIncomplete, KindResponseDone:
		return true
	}
	return false
}

// typeOf returns the type string of a known kind without allocating; ok is false for KindUnknown and kinds this
// binding does not know (their Type comes from the event).
func typeOf(k EventKind) (string, bool) {
	if k > KindUnknown && int(k) < len(kindTypes) {
		return kindTypes[k], true
	}
	return "", false
}
