using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>service_tier</c>.</summary>
[JsonStringEnum]
public enum ServiceTier
{
    Auto,
    Default,
    Flex,
    Scale,
    Priority,
    Fast,
    Ultrafast,
}
