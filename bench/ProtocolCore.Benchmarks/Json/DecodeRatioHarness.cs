using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using ProtocolCore.Benchmarks.WebSockets;

namespace ProtocolCore.Benchmarks.Json;

/// <summary>
/// <c>decode-ratio [--batches N]</c>: the micro goals' ratios (decode vs System.Text.Json source-gen on the two delta
/// events; bytes → typed event vs ManagedWebSocket + System.Text.Json) measured by alternating short batches of the very
/// <see cref="DecodeBenchmarks"/> and <see cref="EndToEndDecodeBenchmarks"/> methods in one process. On a shared machine
/// at a load of 5–40, BenchmarkDotNet runs one benchmark's iterations after the other's, in different load, and the
/// ratio's spread can exceed the claim; here each batch of ours is paired with an anchor batch run right before or
/// after it. A batch that a time slice of another process lands in only gets slower, so the minimum over many batches
/// estimates the quiet machine: the harness prints the ratio of the minima, and its spread as the range of that ratio
/// over ten groups of consecutive batches (each group its own estimate), beside the median of the per-pair ratios.
/// </summary>
internal static class DecodeRatioHarness
{
    public static int Run(string[] args)
    {
        int batches = args.Length > 2 && args[1] == "--batches" ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2000;
        Console.WriteLine($"{batches} alternating batches per row; ns per event: min / p10 / median; ratio = anchor / ours: of the minima [range over 10 groups of batches]; per pair: median [p25–p75]");

        foreach (EventSample sample in new[] { EventSample.OutputTextDelta, EventSample.FunctionCallArgumentsDelta })
        {
            var decode = new DecodeBenchmarks { Event = sample };
            decode.Setup();
            const int PerBatch = 200;
            Measure(
                $"decode {sample}",
                batches,
                PerBatch,
                () => decode.ProtocolCore(),
                () => decode.SystemTextJsonSourceGen());
            decode.Cleanup();
        }

        var endToEnd = new EndToEndDecodeBenchmarks();
        endToEnd.Setup();

        Measure(
            "bytes → typed event (OutputTextDelta)",
            batches,
            1000, // Each call handles the 1,000 recorded frames.
            () => endToEnd.ProtocolCore(),
            () => endToEnd.ManagedWebSocketAndSystemTextJson().GetAwaiter().GetResult(),
            callsPerBatch: 1);
        endToEnd.Cleanup();
        return 0;
    }

    private static void Measure(string name, int batches, int eventsPerBatch, Func<object> ours, Func<object> anchor, int callsPerBatch = -1)
    {
        int calls = callsPerBatch > 0 ? callsPerBatch : eventsPerBatch;
        int events = callsPerBatch > 0 ? eventsPerBatch * callsPerBatch : eventsPerBatch;

        // Past tier 0, OSR and dynamic PGO for both before anything is timed: tiering promotes methods on a background
        // thread after a delay, so warm up for a fixed time rather than a number of calls.
        long warmupStart = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(warmupStart).TotalSeconds < 3)
        {
            Time(ours, calls);
            Time(anchor, calls);
        }

        var oursTimes = new List<double>(batches);
        var anchorTimes = new List<double>(batches);
        var ratios = new List<double>(batches);
        for (int batch = 0; batch < batches; batch++)
        {
            double o;
            double a;
            if ((batch & 1) == 0)
            {
                o = Time(ours, calls) / events;
                a = Time(anchor, calls) / events;
            }
            else
            {
                a = Time(anchor, calls) / events;
                o = Time(ours, calls) / events;
            }

            oursTimes.Add(o);
            anchorTimes.Add(a);
            ratios.Add(a / o);
        }

        // Each group of consecutive batches gives its own ratio of minima: their range is the estimate's spread.
        const int Groups = 10;
        var groupRatios = new List<double>(Groups);
        int perGroup = batches / Groups;
        for (int g = 0; g < Groups && perGroup > 0; g++)
        {
            double oursMin = double.MaxValue;
            double anchorMin = double.MaxValue;
            for (int i = g * perGroup; i < (g + 1) * perGroup; i++)
            {
                oursMin = Math.Min(oursMin, oursTimes[i]);
                anchorMin = Math.Min(anchorMin, anchorTimes[i]);
            }

            groupRatios.Add(anchorMin / oursMin);
        }

        oursTimes.Sort();
        anchorTimes.Sort();
        ratios.Sort();
        groupRatios.Sort();
        Console.WriteLine(name);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ours   {oursTimes[0],8:F1} {Percentile(oursTimes, 0.10),8:F1} {Percentile(oursTimes, 0.50),8:F1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  anchor {anchorTimes[0],8:F1} {Percentile(anchorTimes, 0.10),8:F1} {Percentile(anchorTimes, 0.50),8:F1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio  of minima {anchorTimes[0] / oursTimes[0]:F2}x [{groupRatios[0]:F2}–{groupRatios[^1]:F2}]; per pair {Percentile(ratios, 0.50):F2}x [{Percentile(ratios, 0.25):F2}–{Percentile(ratios, 0.75):F2}]"));
    }

    private static double Time(Func<object> action, int calls)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < calls; i++)
        {
            action();
        }

        return Stopwatch.GetElapsedTime(start).TotalNanoseconds;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Round(p * (sorted.Count - 1)))];
}
