using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>truncation</c>: the context truncation strategy.</summary>
[JsonStringEnum]
public enum Truncation
{
    /// <summary>
    /// <c>auto</c>: the API drops items from the start of the context when it exceeds the model's window.
    /// </summary>
    Auto,
    /// <summary><c>disabled</c>: a context larger than the model's window fails the request.</summary>
    Disabled,
}
