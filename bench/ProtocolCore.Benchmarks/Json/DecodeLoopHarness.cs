using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using ProtocolCore.Benchmarks.WebSockets;

namespace ProtocolCore.Benchmarks.Json;

/// <summary>
/// <c>decode-loop --row otd|fca|e2e [--anchor] [--events N]</c>: one side of one <see cref="DecodeRatioHarness"/> row
/// alone, for a fixed amount of work, so that <c>perf stat -e instructions:u</c> counts what it costs independently of
/// the machine's load. The warm-up is a fixed number of calls with pauses between rounds (tiering promotes methods on a
/// background thread after a delay), not a fixed time, so two runs differ only in the measured loop: instructions per
/// event = (count at N2 - count at N1) / (N2 - N1), which cancels start-up, JIT and warm-up.
/// </summary>
internal static class DecodeLoopHarness
{
    public static int Run(string[] args)
    {
        string row = "otd";
        bool anchor = false;
        long events = 1_000_000;
        for (int i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--row":
                    row = args[++i];
                    break;
                case "--anchor":
                    anchor = true;
                    break;
                case "--events":
                    events = long.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                default:
                    Console.Error.WriteLine($"Unknown argument {args[i]}; usage: decode-loop --row otd|fca|e2e [--anchor] [--events N]");
                    return 2;
            }
        }

        Func<object> call;
        int eventsPerCall;
        Action cleanup;
        if (row is "otd" or "fca")
        {
            var decode = new DecodeBenchmarks { Event = row == "otd" ? EventSample.OutputTextDelta : EventSample.FunctionCallArgumentsDelta };
            decode.Setup();
            call = anchor ? decode.SystemTextJsonSourceGen : decode.ProtocolCore;
            eventsPerCall = 1;
            cleanup = decode.Cleanup;
        }
        else if (row == "e2e")
        {
            var endToEnd = new EndToEndDecodeBenchmarks();
            endToEnd.Setup();
            call = anchor ? () => endToEnd.ManagedWebSocketAndSystemTextJson().GetAwaiter().GetResult() : () => endToEnd.ProtocolCore();
            eventsPerCall = 1000; // Each call handles the 1,000 recorded frames.
            cleanup = endToEnd.Cleanup;
        }
        else
        {
            Console.Error.WriteLine($"Unknown row {row}: otd, fca or e2e.");
            return 2;
        }

        // Past tier 0, OSR and dynamic PGO's instrumented tier: a fixed number of calls, pausing so that the background
        // promotions (delayed while new tier-0 code keeps appearing) happen between rounds.
        int warmupCalls = Math.Max(1, 2000 / eventsPerCall);
        for (int round = 0; round < 30; round++)
        {
            for (int i = 0; i < warmupCalls; i++)
            {
                call();
            }

            Thread.Sleep(50);
        }

        long calls = Math.Max(1, events / eventsPerCall);
        long start = Stopwatch.GetTimestamp();
        for (long i = 0; i < calls; i++)
        {
            call();
        }

        double ns = Stopwatch.GetElapsedTime(start).TotalNanoseconds;
        cleanup();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row} {(anchor ? "anchor" : "ours")}: {calls * eventsPerCall} events, {ns / (calls * eventsPerCall):F1} ns/event (load-dependent)"));
        return 0;
    }
}
