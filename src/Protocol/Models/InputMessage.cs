using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>message</c>: a user, system, developer or (replayed) assistant message.</summary>
[JsonModel(Discriminator = "message")]
public sealed partial class InputMessage : InputItem
{
    public string? Id { get; set; }

    public StringEnum<MessageRole>? Role { get; set; }

    /// <summary>A string or an array of content parts.</summary>
    public MessageContent? Content { get; set; }

    public StringEnum<MessagePhase>? Phase { get; set; }

    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
