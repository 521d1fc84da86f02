using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ProtocolCore.Scale.Runner;

/// <summary>The table of a run (Markdown, ready for docs/benchmarks.md), its ratios, and the issue's goals.</summary>
internal static class ScaleReport
{
    /// <summary>Our client modes, each compared with the anchor and the floor.</summary>
    private static readonly string[] OursModes = ["ours-owned", "ours-view", "ours-owned-loop", "ours-view-loop"];

    public static void Print(IReadOnlyList<ModeResult> results, ScaleOptions options)
    {
        Console.WriteLine("| N | mode | events | lost | CPU µs/event | alloc B/event | GCs gen0/1/2 | GC pause ms | lag p50 ms | lag p99 ms | heap B/session | working set B/session | JIT ms |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (ModeResult r in results)
        {
            Console.WriteLine(Invariant($"| {r.Sessions:N0} | {r.Mode} | {r.Received:N0} | {r.Lost} | {r["cpu_us_per_event"]:0.0} | {r["alloc_bytes_per_event"]:N0} | {r["gen0"]}/{r["gen1"]}/{r["gen2"]} | {r["gc_pause_ms"]:0.0} | {r["lag_p50_ms"]:0.00} | {r["lag_p99_ms"]:0.00} | {r["heap_bytes_per_session"]:N0} | {r["working_set_bytes_per_session"]:N0} | {r["jit_ms"]:0.0} |"));
        }

        Console.WriteLine();
        Console.WriteLine(Invariant($"CPU, allocations, GCs and lag: the {options.Turns} timed turns per session; memory: after the connect turn, idle, after a full GC, minus the baseline, divided by N."));
        Console.WriteLine();
        foreach ((int n, string mode) in results.Select(r => r.Sessions).Distinct().SelectMany(n => OursModes.Select(m => (n, m))))
        {
            ModeResult? ours = Find(results, n, mode);
            ModeResult? anchor = Find(results, n, "anchor");
            ModeResult? raw = Find(results, n, "raw");
            if (ours is null)
            {
                continue;
            }

            var ratios = new List<string>();
            if (anchor is not null)
            {
                ratios.Add(Invariant($"CPU/event {Ratio(ours, anchor, "cpu_us_per_event")}"));
                ratios.Add(Invariant($"lag p99 {Ratio(ours, anchor, "lag_p99_ms")}"));
                ratios.Add(Invariant($"heap/session {Ratio(ours, anchor, "heap_bytes_per_session")}"));
                ratios.Add(Invariant($"alloc/event {Ratio(ours, anchor, "alloc_bytes_per_event")}"));
            }

            string floor = raw is null ? "" : Invariant($"; to the raw floor: CPU/event {Ratio(ours, raw, "cpu_us_per_event")}");
            Console.WriteLine($"N={n:N0}, {mode} to the anchor: {string.Join(", ", ratios)}{floor}");
        }

        PrintGoals(results);
    }

    private static void PrintGoals(IReadOnlyList<ModeResult> results)
    {
        Console.WriteLine();
        // The issue states its goals at 1,000 sessions; without that N, the largest one run stands in.
        int largest = results.Any(r => r.Sessions == 1000) ? 1000 : results.Select(r => r.Sessions).DefaultIfEmpty(0).Max();
        ModeResult? anchor = Find(results, largest, "anchor");
        string at = largest == 1000 ? "at N=1,000" : Invariant($"at N={largest:N0} (the goals are stated at N=1,000)");
        foreach (string mode in OursModes)
        {
            if (Find(results, largest, mode) is not { } ours || anchor is null)
            {
                continue;
            }

            Console.WriteLine($"Goals {at}, {mode}:");
            Goal("CPU per event ≤ 0.8x the anchor's", ours["cpu_us_per_event"] <= 0.8 * anchor["cpu_us_per_event"], Ratio(ours, anchor, "cpu_us_per_event"));
            Goal("p99 lag ≤ the anchor's", ours["lag_p99_ms"] <= anchor["lag_p99_ms"], Ratio(ours, anchor, "lag_p99_ms"));
            Goal("memory per session ≤ the anchor's (heap)", ours["heap_bytes_per_session"] <= anchor["heap_bytes_per_session"], Ratio(ours, anchor, "heap_bytes_per_session"));
            Goal("0 gen2 collections", ours["gen2"] == 0, Invariant($"{ours["gen2"]}"));
            if (mode.StartsWith("ours-view", StringComparison.Ordinal))
            {
                Goal("view path ≤ 64 B per event", ours["alloc_bytes_per_event"] <= 64, Invariant($"{ours["alloc_bytes_per_event"]:N0} B"));
            }
        }

        ModeResult? rawOne = Find(results, 1, "raw");
        foreach (string mode in OursModes)
        {
            if (Find(results, 1, mode) is { } oursOne && rawOne is not null)
            {
                Goal($"at N=1, {mode}: CPU per paced event within 1.5x of the raw socket", oursOne["cpu_us_per_event"] <= 1.5 * rawOne["cpu_us_per_event"], Ratio(oursOne, rawOne, "cpu_us_per_event"));
            }
        }

        long lost = results.Sum(r => r.Lost);
        Console.WriteLine(Invariant($"Events lost, all modes: {lost}; failed sessions: {results.Sum(r => r.FailedSessions)}; chain misses: {results.Sum(r => r.ChainMisses)}"));
    }

    private static void Goal(string goal, bool met, string value) => Console.WriteLine($"  - {goal}: {(met ? "met" : "MISSED")} ({value})");

    private static ModeResult? Find(IReadOnlyList<ModeResult> results, int sessions, string mode) =>
        results.FirstOrDefault(r => r.Sessions == sessions && r.Mode == mode);

    private static string Ratio(ModeResult a, ModeResult b, string name) => Invariant($"{a[name] / b[name]:0.00}x");

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
