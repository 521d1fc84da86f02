using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;

namespace ProtocolCore.Benchmarks.Client;

/// <summary>
/// <c>dotnet run -c Release -- turn-cpu [--pace-ms N | --burst] [--seconds S] [--rounds R]</c>: the
/// <see cref="ClientTurnBenchmarks"/> turn, with the server writing one event every <c>N</c> ms (default 1, as a model
/// streams tokens) or, with <c>--burst</c>, the whole turn in one write; turns are awaited back to back, as an agent loop
/// does, and timed by wall clock and by process CPU: with paced events what a client costs is the CPU it burns per
/// event, not latency. The clients run interleaved, <c>R</c> rounds of <c>S</c> seconds each, after an untimed warm-up
/// of 1.5 s per client without pacing.
/// Process CPU includes the in-process server's thread (the same for every client), so compare a client with the
/// raw-socket row.
/// </summary>
internal static class TurnCpuHarness
{
    private static readonly string[] s_clients = ["raw socket floor", "ProtocolCore ResponsesConnection", "ProtocolCore ResponsesSession", "ProtocolCore WebSocketConnection", "ClientWebSocket + JsonDocument"];

    public static async Task<int> RunAsync(string[] args)
    {
        bool burst = Array.IndexOf(args, "--burst") >= 0;
        double paceMs = burst ? 0 : Option(args, "--pace-ms", 1);
        double seconds = Option(args, "--seconds", 3);
        int rounds = (int)Option(args, "--rounds", 2);

        var benchmarks = new ClientTurnBenchmarks { WritePerEvent = !burst, Pace = TimeSpan.FromMilliseconds(paceMs) };
        await benchmarks.SetupAsync().ConfigureAwait(false);
        try
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"one turn = 25 events, {(burst ? "in one write" : $"one write per event, {paceMs} ms apart")}; {rounds} rounds of {seconds} s per client; {Environment.ProcessorCount} CPUs"));
            Console.WriteLine($"{"client",-34} {"round",5} {"turns",7} {"wall µs/turn",13} {"CPU µs/turn",12} {"CPU µs/event",13}");
            var walls = new List<double>[s_clients.Length];
            var cpus = new List<double>[s_clients.Length];
            for (int client = 0; client < s_clients.Length; client++)
            {
                walls[client] = [];
                cpus[client] = [];
            }

            // Warm-up without pacing: thousands of turns per client, so the timed rounds run tier-1 code rather than
            // paying for the JIT (a paced second holds only ~35 turns).
            benchmarks.Pace = TimeSpan.Zero;
            for (int client = 0; client < s_clients.Length; client++)
            {
                await MeasureAsync(benchmarks, (TurnClient)client, TimeSpan.FromSeconds(1.5)).ConfigureAwait(false);
            }

            benchmarks.Pace = TimeSpan.FromMilliseconds(paceMs);
            for (int round = 1; round <= rounds; round++)
            {
                for (int client = 0; client < s_clients.Length; client++)
                {
                    (int turns, TimeSpan wall, TimeSpan cpu) = await MeasureAsync(benchmarks, (TurnClient)client, TimeSpan.FromSeconds(seconds)).ConfigureAwait(false);
                    {
                        walls[client].Add(wall.TotalMicroseconds / turns);
                        cpus[client].Add(cpu.TotalMicroseconds / turns);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"{s_clients[client],-34} {round,5} {turns,7} {wall.TotalMicroseconds / turns,13:0} {cpu.TotalMicroseconds / turns,12:0} {cpu.TotalMicroseconds / turns / 25,13:0.0}"));
                    }
                }
            }

            Console.WriteLine($"{"median of the rounds",-34} {"",5} {"",7} {"wall µs/turn",13} {"CPU µs/turn",12}");
            for (int client = 0; client < s_clients.Length; client++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{s_clients[client],-34} {"",5} {"",7} {Median(walls[client]),13:0.0} {Median(cpus[client]),12:0.0}"));
            }
        }
        finally
        {
            await benchmarks.CleanupAsync().ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task<(int Turns, TimeSpan Wall, TimeSpan Cpu)> MeasureAsync(ClientTurnBenchmarks benchmarks, TurnClient client, TimeSpan duration)
    {
        using Process self = Process.GetCurrentProcess();
        self.Refresh();
        TimeSpan cpuBefore = self.TotalProcessorTime;
        long start = Stopwatch.GetTimestamp();
        int turns = 0;
        while (Stopwatch.GetElapsedTime(start) < duration)
        {
            await benchmarks.RunTurnAsync(client).ConfigureAwait(false);
            turns++;
        }

        TimeSpan wall = Stopwatch.GetElapsedTime(start);
        self.Refresh();
        return (turns, wall, self.TotalProcessorTime - cpuBefore);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        int middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static double Option(string[] args, string name, double fallback)
    {
        int index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? double.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
