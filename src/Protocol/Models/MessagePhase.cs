using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>phase</c>: whether an assistant message is commentary or the final answer.</summary>
[JsonStringEnum]
public enum MessagePhase
{
    Commentary,
    FinalAnswer,
}
