using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.compaction.compacting</c>: the context is being compacted (carries no summary content).</summary>
[JsonModel(Discriminator = "response.compaction.compacting")]
[NativeEventKind(13)]
public sealed partial class CompactionCompactingEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;
}
