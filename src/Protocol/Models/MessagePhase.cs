using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>phase</c>: whether an assistant message is commentary or the final answer.</summary>
[JsonStringEnum]
public enum MessagePhase
{
    /// <summary><c>commentary</c>: intermediate text (for example before tool calls).</summary>
    Commentary,
    /// <summary><c>final_answer</c>: the answer that ends the turn.</summary>
    FinalAnswer,
}
