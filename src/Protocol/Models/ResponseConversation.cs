using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>response.conversation</c>: the conversation the response belongs to.</summary>
[JsonModel]
public sealed partial class ResponseConversation
{
    /// <summary>The id of the conversation.</summary>
    public string? Id { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
