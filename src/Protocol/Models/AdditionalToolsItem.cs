using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>additional_tools</c> output item.</summary>
[JsonModel(Discriminator = "additional_tools")]
public sealed partial class AdditionalToolsItem : OutputItem
{
    /// <summary>The item's id: set by the API on output, optional on input.</summary>
    public string? Id { get; set; }

    /// <summary>The <c>role</c> the tools are added under (<c>developer</c> when the caller sends the item).</summary>
    public StringEnum<MessageRole>? Role { get; set; }

    /// <summary>The tools this item makes available to the model from this point of the context.</summary>
    public List<Tool>? Tools { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
