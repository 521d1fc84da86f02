using System;
using System.Collections.Generic;
using System.Linq;

namespace ProtocolCore.Cli.Commands;

/// <summary>The figures of one transport's run of the scripted task.</summary>
internal sealed class DemoModeResult
{
    public required string Name { get; init; }

    public required int Turns { get; init; }

    public required int ToolCalls { get; init; }

    public required TimeSpan Total { get; init; }

    public required long BytesSent { get; init; }

    public required long BytesReceived { get; init; }

    public required int Reconnects { get; init; }

    /// <summary>Per turn: send → first <c>*.delta</c> event.</summary>
    public required IReadOnlyList<TimeSpan> FirstDelta { get; init; }

    /// <summary>Per turn: wall time minus the emulator's simulated compute for that turn.</summary>
    public required IReadOnlyList<TimeSpan> ClientOverhead { get; init; }

    /// <summary>CPU time of this whole process (every thread: client, GC, and an in-process emulator if any) over the run.</summary>
    public required TimeSpan ProcessCpu { get; init; }

    /// <summary>Time the JIT spent compiling during the run, on every thread (tier-1 rejit included).</summary>
    public TimeSpan JitTime { get; init; }

    /// <summary>Methods the JIT compiled during the run (tier-0, tier-1 and OSR compilations each count).</summary>
    public long JitMethods { get; init; }

    public double ProcessCpuUsPerTurn => Turns == 0 ? 0 : ProcessCpu.TotalMicroseconds / Turns;

    public double FirstDeltaMsAverage => FirstDelta.Count == 0 ? 0 : FirstDelta.Average(t => t.TotalMilliseconds);

    public double ClientOverheadUsPerTurn => ClientOverhead.Count == 0 ? 0 : ClientOverhead.Average(t => t.TotalMicroseconds);
}
