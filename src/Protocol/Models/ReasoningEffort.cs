using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>reasoning.effort</c>.</summary>
[JsonStringEnum]
public enum ReasoningEffort
{
    /// <summary><c>none</c></summary>
    None,
    /// <summary><c>minimal</c></summary>
    Minimal,
    /// <summary><c>low</c></summary>
    Low,
    /// <summary><c>medium</c></summary>
    Medium,
    /// <summary><c>high</c></summary>
    High,
    /// <summary><c>xhigh</c></summary>
    Xhigh,
}
