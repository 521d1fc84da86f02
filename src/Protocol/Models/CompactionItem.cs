using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>compaction</c>: the encrypted summary that replaces compacted context.</summary>
[JsonModel(Discriminator = "compaction")]
public sealed partial class CompactionItem : OutputItem
{
    public string? Id { get; set; }

    public string? EncryptedContent { get; set; }

    public string? CreatedBy { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
