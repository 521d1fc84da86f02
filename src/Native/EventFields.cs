using ProtocolCore.Events;
using ProtocolCore.Json;

namespace ProtocolCore.Native;

/// <summary>
/// The members of an event that <c>pc_event</c> carries besides its type and sequence number. A switch over the kind
/// (a jump table and one cast) rather than reflection or an interface: AOT-safe, allocation-free, and the event models
/// stay untouched. <c>EventFieldsTests</c> walks every event class by reflection and fails when one gains a member
/// this switch does not read.
/// </summary>
internal static class EventFields
{
    public static void Read(ResponsesEvent e, out Utf8Text? itemId, out int? outputIndex, out int? contentIndex, out Utf8Text? delta)
    {
        itemId = null;
        outputIndex = null;
        contentIndex = null;
        delta = null;
        switch (e.Kind)
        {
            case ResponsesEventKind.ApplyPatchCallOperationDiffDelta:
            {
                var x = (ApplyPatchCallOperationDiffDeltaEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                delta = x.Delta;
                break;
            }

            case ResponsesEventKind.ApplyPatchCallOperationDiffDone:
            {
                var x = (ApplyPatchCallOperationDiffDoneEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                break;
            }

            case ResponsesEventKind.AudioDelta:
            {
                var x = (AudioDeltaEvent)e;
                delta = x.Delta;
                break;
            }

            case ResponsesEventKind.AudioTranscriptDelta:
            {
                var x = (AudioTranscriptDeltaEvent)e;
                delta = x.Delta;
                break;
            }

            case ResponsesEventKind.CodeInterpreterCallCompleted:
            {
                var x = (CodeInterpreterCallCompletedEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                break;
            }

            case ResponsesEventKind.CodeInterpreterCallInProgress:
            {
                var x = (CodeInterpreterCallInProgressEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                break;
            }

            case ResponsesEventKind.CodeInterpreterCallInterpreting:
            {
                var x = (CodeInterpreterCallInterpretingEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                break;
            }

            case ResponsesEventKind.CodeInterpreterCallCodeDelta:
            {
                var x = (CodeInterpreterCallCodeDeltaEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                delta = x.Delta;
                break;
            }

            case ResponsesEventKind.CodeInterpreterCallCodeDone:
            {
                var x = (CodeInterpreterCallCodeDoneEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                break;
            }

            case ResponsesEventKind.ContentPartAdded:
            {
                var x = (ContentPartAddedEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                contentIndex = x.ContentIndex;
                break;
            }

            case ResponsesEventKind.ContentPartDone:
            {
                var x = (ContentPartDoneEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                contentIndex = x.ContentIndex;
                break;
            }

            case ResponsesEventKind.CustomToolCallInputDelta:
            {
                var x = (CustomToolCallInputDeltaEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                delta = x.Delta;
                break;
            }

            case ResponsesEventKind.CustomToolCallInputDone:
            {
                var x = (CustomToolCallInputDoneEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                break;
            }

            case ResponsesEventKind.FileSearchCallCompleted:
            {
                var x = (FileSearchCallCompletedEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                break;
            }

            case ResponsesEventKind.FileSearchCallInProgress:
            {
                var x = (FileSearchCallInProgressEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                break;
            }

            case ResponsesEventKind.FileSearchCallSearching:
            {
                var x = (FileSearchCallSearchingEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                break;
            }

            case ResponsesEventKind.FunctionCallArgumentsDelta:
            {
                var x = (FunctionCallArgumentsDeltaEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                delta = x.Delta;
                break;
            }

            case ResponsesEventKind.FunctionCallArgumentsDone:
            {
                var x = (FunctionCallArgumentsDoneEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                break;
            }

            case ResponsesEventKind.ImageGenerationCallCompleted:
            {
                var x = (ImageGenerationCallCompletedEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                break;
            }

            case ResponsesEventKind.ImageGenerationCallGenerating:
            {
                var x = (ImageGenerationCallGeneratingEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                break;
            }

            case ResponsesEventKind.ImageGenerationCallInProgress:
            {
                var x = (ImageGenerationCallInProgressEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                break;
            }

            case ResponsesEventKind.ImageGenerationCallPartialImage:
            {
                var x = (ImageGenerationCallPartialImageEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                break;
            }

            case ResponsesEventKind.McpCallCompleted:
            {
                var x = (McpCallCompletedEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                break;
            }

            case ResponsesEventKind.McpCallFailed:
            {
                var x = (McpCallFailedEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                break;
            }

            case ResponsesEventKind.McpCallInProgress:
            {
                var x = (McpCallInProgressEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                break;
            }

            case ResponsesEventKind.McpCallArgumentsDelta:
            {
                var x = (McpCallArgumentsDeltaEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                delta = x.Delta;
                break;
            }

            case ResponsesEventKind.McpCallArgumentsDone:
            {
                var x = (McpCallArgumentsDoneEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                break;
            }

            case ResponsesEventKind.McpListToolsCompleted:
            {
                var x = (McpListToolsCompletedEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                break;
            }

            case ResponsesEventKind.McpListToolsFailed:
            {
                var x = (McpListToolsFailedEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                break;
            }

            case ResponsesEventKind.McpListToolsInProgress:
            {
                var x = (McpListToolsInProgressEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                break;
            }

            case ResponsesEventKind.OutputItemAdded:
            {
                var x = (OutputItemAddedEvent)e;
                outputIndex = x.OutputIndex;
                break;
            }

            case ResponsesEventKind.OutputItemDone:
            {
                var x = (OutputItemDoneEvent)e;
                outputIndex = x.OutputIndex;
                break;
            }

            case ResponsesEventKind.OutputTextAnnotationAdded:
            {
                var x = (OutputTextAnnotationAddedEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                contentIndex = x.ContentIndex;
                break;
            }

            case ResponsesEventKind.OutputTextDelta:
            {
                var x = (OutputTextDeltaEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                contentIndex = x.ContentIndex;
                delta = x.Delta;
                break;
            }

            case ResponsesEventKind.OutputTextDone:
            {
                var x = (OutputTextDoneEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                contentIndex = x.ContentIndex;
                break;
            }

            case ResponsesEventKind.ReasoningSummaryPartAdded:
            {
                var x = (ReasoningSummaryPartAddedEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                break;
            }

            case ResponsesEventKind.ReasoningSummaryPartDone:
            {
                var x = (ReasoningSummaryPartDoneEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                break;
            }

            case ResponsesEventKind.ReasoningSummaryTextDelta:
            {
                var x = (ReasoningSummaryTextDeltaEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                delta = x.Delta;
                break;
            }

            case ResponsesEventKind.ReasoningSummaryTextDone:
            {
                var x = (ReasoningSummaryTextDoneEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                break;
            }

            case ResponsesEventKind.ReasoningTextDelta:
            {
                var x = (ReasoningTextDeltaEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                contentIndex = x.ContentIndex;
                delta = x.Delta;
                break;
            }

            case ResponsesEventKind.ReasoningTextDone:
            {
                var x = (ReasoningTextDoneEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                contentIndex = x.ContentIndex;
                break;
            }

            case ResponsesEventKind.RefusalDelta:
            {
                var x = (RefusalDeltaEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                contentIndex = x.ContentIndex;
                delta = x.Delta;
                break;
            }

            case ResponsesEventKind.RefusalDone:
            {
                var x = (RefusalDoneEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                contentIndex = x.ContentIndex;
                break;
            }

            case ResponsesEventKind.ShellCallCommandAdded:
            {
                var x = (ShellCallCommandAddedEvent)e;
                outputIndex = x.OutputIndex;
                break;
            }

            case ResponsesEventKind.ShellCallCommandDelta:
            {
                var x = (ShellCallCommandDeltaEvent)e;
                outputIndex = x.OutputIndex;
                delta = x.Delta;
                break;
            }

            case ResponsesEventKind.ShellCallCommandDone:
            {
                var x = (ShellCallCommandDoneEvent)e;
                outputIndex = x.OutputIndex;
                break;
            }

            case ResponsesEventKind.ShellCallOutputContentDelta:
            {
                var x = (ShellCallOutputContentDeltaEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                break;
            }

            case ResponsesEventKind.ShellCallOutputContentDone:
            {
                var x = (ShellCallOutputContentDoneEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                break;
            }

            case ResponsesEventKind.WebSearchCallCompleted:
            {
                var x = (WebSearchCallCompletedEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                break;
            }

            case ResponsesEventKind.WebSearchCallInProgress:
            {
                var x = (WebSearchCallInProgressEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                break;
            }

            case ResponsesEventKind.WebSearchCallSearching:
            {
                var x = (WebSearchCallSearchingEvent)e;
                itemId = x.ItemId;
                outputIndex = x.OutputIndex;
                break;
            }
        }
    }
}
