using System;
using System.Collections.Generic;

namespace ProtocolCore.Client;

/// <summary>What a <see cref="ToolLoop"/> run did.</summary>
public sealed class ToolLoopResult
{
    internal ToolLoopResult(IReadOnlyList<ResponsesTurnResult> turns, int toolCalls, TimeSpan duration)
    {
        Turns = turns;
        ToolCalls = toolCalls;
        Duration = duration;
    }

    /// <summary>Every turn, in order; the last one has no function calls.</summary>
    public IReadOnlyList<ResponsesTurnResult> Turns { get; }

    /// <summary>The last turn (the model's answer).</summary>
    public ResponsesTurnResult Final => Turns[^1];

    /// <summary>Tool calls run, over all turns.</summary>
    public int ToolCalls { get; }

    /// <summary>Wall time of the whole loop, tools included.</summary>
    public TimeSpan Duration { get; }
}
