using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.apply_patch_call_operation_diff.delta</c>: a piece of an apply_patch call's diff.</summary>
[JsonModel(Discriminator = "response.apply_patch_call_operation_diff.delta")]
[NativeEventKind(2)]
public sealed partial class ApplyPatchCallOperationDiffDeltaEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The id of the output item this event is about.</summary>
    public Utf8Text? ItemId { get; set; }

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The next piece of the diff, to append to the ones before.</summary>
    public Utf8Text? Delta { get; set; }

    /// <summary>Random padding live traffic adds to deltas (<c>stream_options.include_obfuscation</c>).</summary>
    public Utf8Text? Obfuscation { get; set; }
}
