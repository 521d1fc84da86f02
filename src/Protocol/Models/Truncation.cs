using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>truncation</c>: the context truncation strategy.</summary>
[JsonStringEnum]
public enum Truncation
{
    Auto,
    Disabled,
}
