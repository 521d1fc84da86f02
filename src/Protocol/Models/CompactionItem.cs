using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>compaction</c>: the encrypted summary that replaces compacted context.</summary>
[JsonModel(Discriminator = "compaction")]
public sealed partial class CompactionItem : OutputItem
{
    /// <summary>The item's id: set by the API on output, optional on input.</summary>
    public string? Id { get; set; }

    /// <summary>
    /// The compacted context, encrypted and opaque: send the item back unchanged to carry the context forward.
    /// </summary>
    public string? EncryptedContent { get; set; }

    /// <summary>The identifier of the actor that created the item; set by the API.</summary>
    public string? CreatedBy { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
