using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>reasoning.effort</c>.</summary>
[JsonStringEnum]
public enum ReasoningEffort
{
    None,
    Minimal,
    Low,
    Medium,
    High,
    Xhigh,
}
