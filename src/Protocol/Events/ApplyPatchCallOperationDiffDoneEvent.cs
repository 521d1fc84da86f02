using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.apply_patch_call_operation_diff.done</c>: an apply_patch call's diff is complete.</summary>
[JsonModel(Discriminator = "response.apply_patch_call_operation_diff.done")]
[NativeEventKind(3)]
public sealed partial class ApplyPatchCallOperationDiffDoneEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public Utf8Text? ItemId { get; set; }

    public int? OutputIndex { get; set; }

    public Utf8Text? Diff { get; set; }
}
