using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>The <c>role</c> of a message.</summary>
[JsonStringEnum]
public enum MessageRole
{
    /// <summary><c>user</c></summary>
    User,
    /// <summary><c>assistant</c>: the model.</summary>
    Assistant,
    /// <summary><c>system</c></summary>
    System,
    /// <summary><c>developer</c>: instructions from the application.</summary>
    Developer,
}
