using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using ProtocolCore.Benchmarks.Json;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Benchmarks.WebSockets;

/// <summary>
/// <c>receive-core [--batches N]</c>: the receive loop <see cref="WebSocketConnection"/> ran inline before the sans-IO
/// core (frame reader + assembler, <see cref="ReceiveLoops.ProtocolCore"/>) against the same bytes through
/// <see cref="WebSocketConnectionCore.Receive"/> (<see cref="ReceiveLoops.ConnectionCore"/>), alternated batch by
/// batch in one process. On a shared, loaded machine BenchmarkDotNet's per-benchmark iterations land in different
/// load; alternating short batches and reading the minimum and the 10th percentile compares the two under the same load.
/// </summary>
internal static class ReceiveCoreHarness
{
    private const int Messages = 1000;

    public static int Run(string[] args)
    {
        int batches = args.Length > 2 && args[1] == "--batches" ? int.Parse(args[2], CultureInfo.InvariantCulture) : 400;
        byte[] delta = EventSamples.Load(EventSample.OutputTextDelta);
        foreach (int fragments in new[] { 1, 4 })
        {
            byte[] wire = ServerFrames.Build(delta, Messages, fragments);
            using var assembler = new WebSocketMessageAssembler(new WebSocketMessageAssemblerOptions());
            using var core = new WebSocketConnectionCore(WebSocketFrameReaderOptions.Client, new WebSocketMessageAssemblerOptions());
            var inline = new List<double>(batches);
            var throughCore = new List<double>(batches);

            // Past tier 0 and OSR for both before anything is timed.
            for (int i = 0; i < 200; i++)
            {
                ReceiveLoops.ProtocolCore(wire, assembler);
                ReceiveLoops.ConnectionCore(wire, core);
            }

            for (int batch = 0; batch < batches; batch++)
            {
                bool inlineFirst = (batch & 1) == 0;
                if (inlineFirst)
                {
                    inline.Add(TimeInline(wire, assembler));
                }

                throughCore.Add(TimeCore(wire, core));
                if (!inlineFirst)
                {
                    inline.Add(TimeInline(wire, assembler));
                }
            }

            inline.Sort();
            throughCore.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{delta.Length} B delta messages, {(fragments == 1 ? "one frame each" : $"{fragments} fragments each")}: {batches} alternating batches of {Messages}, ns per message"));
            Console.WriteLine($"  {string.Empty,-40}{"min",7} {"p10",7} {"median",7}");
            Print("reader + assembler inline (before)", inline);
            Print("WebSocketConnectionCore.Receive (after)", throughCore);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {"after / before",-40}{throughCore[0] / inline[0],7:F3} {P10(throughCore) / P10(inline),7:F3} {Median(throughCore) / Median(inline),7:F3}"));
        }

        return 0;
    }

    private static double TimeInline(byte[] wire, WebSocketMessageAssembler assembler)
    {
        long start = Stopwatch.GetTimestamp();
        ReceiveLoops.ProtocolCore(wire, assembler);
        return PerMessage(start);
    }

    private static double TimeCore(byte[] wire, WebSocketConnectionCore core)
    {
        long start = Stopwatch.GetTimestamp();
        ReceiveLoops.ConnectionCore(wire, core);
        return PerMessage(start);
    }

    private static double PerMessage(long start) => Stopwatch.GetElapsedTime(start).TotalNanoseconds / Messages;

    private static double P10(List<double> sorted) => sorted[sorted.Count / 10];

    private static double Median(List<double> sorted) => sorted[sorted.Count / 2];

    private static void Print(string name, List<double> sorted) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-40}{sorted[0],7:F1} {P10(sorted),7:F1} {Median(sorted),7:F1}"));
}
