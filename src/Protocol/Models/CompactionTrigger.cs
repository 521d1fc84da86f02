using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>compaction_trigger</c>: asks the server to compact the context now.</summary>
[JsonModel(Discriminator = "compaction_trigger")]
public sealed partial class CompactionTrigger : InputItem
{
    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
