using System;
using System.Collections.Generic;
using System.Linq;

namespace ProtocolCore.Cli.Commands;

/// <summary>
/// One transport's timed rounds of the scripted task, reported as the median of the rounds for each timed figure
/// (bytes, turns and calls are the same every round).
/// </summary>
internal sealed class DemoModeSummary
{
    public DemoModeSummary(IReadOnlyList<DemoModeResult> rounds)
    {
        ArgumentOutOfRangeException.ThrowIfZero(rounds.Count);
        Rounds = rounds;
    }

    public IReadOnlyList<DemoModeResult> Rounds { get; }

    public DemoModeResult First => Rounds[0];

    public TimeSpan Total => TimeSpan.FromTicks(Median(r => r.Total.Ticks));

    public double ClientOverheadUsPerTurn => Median(r => r.ClientOverheadUsPerTurn);

    public double ProcessCpuUsPerTurn => Median(r => r.ProcessCpuUsPerTurn);

    public double FirstDeltaMsAverage => Median(r => r.FirstDeltaMsAverage);

    /// <summary>JIT time during the timed rounds, median: it is billed to the CPU row, so it should be near zero.</summary>
    public TimeSpan JitTime => TimeSpan.FromTicks(Median(r => r.JitTime.Ticks));

    public long JitMethods => Median(r => r.JitMethods);

    /// <summary>JIT time as a share of the process CPU time of the round (median).</summary>
    public double JitShareOfCpu => Median(r => r.ProcessCpu <= TimeSpan.Zero ? 0 : r.JitTime / r.ProcessCpu);

    /// <summary>
    /// True when the turns took less time on average than the assumed cost model simulates: the server's cost model is
    /// smaller than the one subtracted (e.g. a zero-cost <c>serve</c> measured without <c>--zero-cost</c>), and the
    /// overhead row would be a negative number that means nothing. (A single turn may legitimately come out a little
    /// negative: the emulator does not wait out remainders under 1 ms, and the token counts are estimates.)
    /// </summary>
    public bool CostModelLargerThanServers => ClientOverheadUsPerTurn < 0;

    private double Median(Func<DemoModeResult, double> figure)
    {
        double[] values = Rounds.Select(figure).Order().ToArray();
        int middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private long Median(Func<DemoModeResult, long> figure) => (long)Math.Round(Median(r => (double)figure(r)));
}
