using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>item_reference</c>: an earlier item, by id.</summary>
[JsonModel(Discriminator = "item_reference")]
public sealed partial class ItemReference : InputItem
{
    /// <summary>The id of the item referred to.</summary>
    public string? Id { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
