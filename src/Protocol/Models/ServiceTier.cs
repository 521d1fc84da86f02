using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>service_tier</c>.</summary>
[JsonStringEnum]
public enum ServiceTier
{
    /// <summary><c>auto</c>: the tier the project is configured for.</summary>
    Auto,
    /// <summary><c>default</c></summary>
    Default,
    /// <summary><c>flex</c></summary>
    Flex,
    /// <summary><c>scale</c></summary>
    Scale,
    /// <summary><c>priority</c></summary>
    Priority,
    /// <summary><c>fast</c></summary>
    Fast,
    /// <summary><c>ultrafast</c></summary>
    Ultrafast,
}
