using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.apply_patch_call_operation_diff.done</c>: an apply_patch call's diff is complete.</summary>
[JsonModel(Discriminator = "response.apply_patch_call_operation_diff.done")]
[NativeEventKind(3)]
public sealed partial class ApplyPatchCallOperationDiffDoneEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The id of the output item this event is about.</summary>
    public Utf8Text? ItemId { get; set; }

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The whole diff.</summary>
    public Utf8Text? Diff { get; set; }
}
