using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.apply_patch_call_operation_diff.delta</c>: a piece of an apply_patch call's diff.</summary>
[JsonModel(Discriminator = "response.apply_patch_call_operation_diff.delta")]
[NativeEventKind(2)]
public sealed partial class ApplyPatchCallOperationDiffDeltaEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public Utf8Text? ItemId { get; set; }

    public int? OutputIndex { get; set; }

    public Utf8Text? Delta { get; set; }

    /// <summary>Random padding live traffic adds to deltas (<c>stream_options.include_obfuscation</c>).</summary>
    public Utf8Text? Obfuscation { get; set; }
}
