using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>
/// <c>message</c>: a user, system or developer message, or an assistant message (what a response outputs, and what a
/// later request replays).
/// </summary>
[JsonModel(Discriminator = "message")]
public sealed partial class Message : OutputItem
{
    /// <summary>The item's id: set by the API on output, optional on input.</summary>
    public string? Id { get; set; }

    /// <summary>
    /// <c>user</c>, <c>assistant</c>, <c>system</c> or <c>developer</c>; a response's messages are <c>assistant</c>.
    /// </summary>
    public StringEnum<MessageRole>? Role { get; set; }

    /// <summary>A string or an array of content parts (an assistant message's are <see cref="OutputContent"/>).</summary>
    public MessageContent? Content { get; set; }

    /// <summary>For an assistant message, <c>commentary</c> or <c>final_answer</c>; null when absent.</summary>
    public StringEnum<MessagePhase>? Phase { get; set; }

    /// <summary>The item's <c>status</c>: <c>in_progress</c>, <c>completed</c> or <c>incomplete</c>.</summary>
    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
