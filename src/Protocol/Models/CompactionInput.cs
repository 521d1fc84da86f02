using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>compaction</c>: a compaction summary of an earlier response, replayed.</summary>
[JsonModel(Discriminator = "compaction")]
public sealed partial class CompactionInput : InputItem
{
    public string? Id { get; set; }

    public string? EncryptedContent { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
