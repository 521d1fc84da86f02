using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>The <c>role</c> of a message.</summary>
[JsonStringEnum]
public enum MessageRole
{
    User,
    Assistant,
    System,
    Developer,
}
