using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>message</c>: an assistant message.</summary>
[JsonModel(Discriminator = "message")]
public sealed partial class OutputMessage : OutputItem
{
    public string? Id { get; set; }

    public StringEnum<MessageRole>? Role { get; set; }

    public List<OutputContent>? Content { get; set; }

    public StringEnum<MessagePhase>? Phase { get; set; }

    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
