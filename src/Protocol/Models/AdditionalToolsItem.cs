using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>additional_tools</c> output item.</summary>
[JsonModel(Discriminator = "additional_tools")]
public sealed partial class AdditionalToolsItem : OutputItem
{
    public string? Id { get; set; }

    public StringEnum<MessageRole>? Role { get; set; }

    public List<Tool>? Tools { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
