using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>
/// <c>message</c>: a user, system or developer message, or an assistant message (what a response outputs, and what a
/// later request replays).
/// </summary>
[JsonModel(Discriminator = "message")]
public sealed partial class Message : OutputItem
{
    public string? Id { get; set; }

    public StringEnum<MessageRole>? Role { get; set; }

    /// <summary>A string or an array of content parts (an assistant message's are <see cref="OutputContent"/>).</summary>
    public MessageContent? Content { get; set; }

    public StringEnum<MessagePhase>? Phase { get; set; }

    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
