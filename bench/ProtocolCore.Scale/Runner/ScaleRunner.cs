using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Scale.Runner;

/// <summary>
/// <c>ProtocolCore.Scale run --sessions 1,100,1000 --turns 3 [--modes raw,anchor,ours-owned,ours-view]</c>: starts the paced
/// server pinned to <c>--server-cpu</c> (default 1), then for each N runs each mode in its own client process pinned to
/// <c>--client-cpu</c> (default 0), one after the other against that same server, and prints the table, the ratios
/// to the anchor and the raw floor, and the issue's goals. Exits 1 if any event was lost or any client failed.
/// </summary>
internal static class ScaleRunner
{
    public static async Task<int> RunAsync(ScaleOptions options)
    {
        string pinning = ChildProcess.CanPin
            ? $"server on CPU {Or(options.ServerCpu, "any")}, clients on CPU {Or(options.ClientCpu, "any")}"
            : "unpinned (no taskset or a single CPU)";
        Console.WriteLine($"fixture {Path.GetFileName(options.FixturePath)}; pace {options.PaceMs} ms; {options.Turns} timed turns per session after 1 connect turn, idle, and {options.RewarmTurns} untimed turns; {pinning}");
        Console.WriteLine($"load average at start: {LoadAverage()}");

        // --max-seconds caps each client; the server outlives them all (it also stops when this process closes its stdin).
        double serverCap = (options.MaxSeconds + 60) * options.Sessions.Length * options.Modes.Length;
        using Process server = ChildProcess.Start(options.ServerCpu,
            ["server", "--fixture", options.FixturePath, "--pace-ms", Invariant(options.PaceMs), "--max-seconds", Invariant(serverCap)],
            redirectInput: true);
        var results = new List<ModeResult>();
        int exitCode = 0;
        try
        {
            string portLine = await server.StandardOutput.ReadLineAsync().ConfigureAwait(false) ?? throw new IOException("The server did not start.");
            string port = portLine.Split(' ')[1];
            foreach (int sessions in options.Sessions)
            {
                foreach (string mode in options.Modes)
                {
                    JsonElement before = await StatsAsync(server).ConfigureAwait(false);
                    ModeResult? result = await RunClientAsync(options, port, mode, sessions).ConfigureAwait(false);
                    JsonElement after = await StatsAsync(server).ConfigureAwait(false);
                    if (result is null)
                    {
                        Console.WriteLine($"N={sessions} {mode}: the client printed no result (crashed or hit the cap)");
                        exitCode = 1;
                        continue;
                    }

                    result.ServerEvents = after.GetProperty("events").GetInt64() - before.GetProperty("events").GetInt64();
                    result.ChainMisses = after.GetProperty("chain_misses").GetInt64() - before.GetProperty("chain_misses").GetInt64();
                    results.Add(result);
                    Console.WriteLine(result.ProgressLine());
                    if (!result.Passed)
                    {
                        exitCode = 1;
                    }
                }
            }
        }
        finally
        {
            server.StandardInput.Close();
            if (!server.WaitForExit(10_000))
            {
                server.Kill();
            }
        }

        Console.WriteLine($"load average at end: {LoadAverage()}");
        Console.WriteLine();
        ScaleReport.Print(results, options);
        return exitCode;
    }

    private static async Task<ModeResult?> RunClientAsync(ScaleOptions options, string port, string mode, int sessions)
    {
        using Process client = ChildProcess.Start(options.ClientCpu,
        [
            "client", "--port", port, "--mode", mode, "--sessions", Invariant(sessions), "--turns", Invariant(options.Turns),
            "--fixture", options.FixturePath, "--pace-ms", Invariant(options.PaceMs), "--max-seconds", Invariant(options.MaxSeconds),
            "--warmup-seconds", Invariant(options.WarmupSeconds), "--idle-seconds", Invariant(options.IdleSeconds),
            "--rewarm-turns", Invariant(options.RewarmTurns),
        ], redirectInput: false);
        // The client enforces the cap itself; this is for one that hangs anyway.
        using var cap = new CancellationTokenSource(TimeSpan.FromSeconds(options.MaxSeconds + 60));
        ModeResult? result = null;
        try
        {
            while (await client.StandardOutput.ReadLineAsync(cap.Token).ConfigureAwait(false) is { } line)
            {
                if (line.StartsWith("RESULT ", StringComparison.Ordinal))
                {
                    using JsonDocument document = JsonDocument.Parse(line["RESULT ".Length..]);
                    result = new ModeResult(document.RootElement.Clone());
                }
                else
                {
                    Console.WriteLine($"  [{mode} N={sessions}] {line}");
                }
            }

            await client.WaitForExitAsync(cap.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            client.Kill();
            return null;
        }

        return result;
    }

    private static async Task<JsonElement> StatsAsync(Process server)
    {
        await server.StandardInput.WriteLineAsync("stats").ConfigureAwait(false);
        await server.StandardInput.FlushAsync().ConfigureAwait(false);
        string line = await server.StandardOutput.ReadLineAsync().ConfigureAwait(false) ?? throw new IOException("The server stopped.");
        using JsonDocument document = JsonDocument.Parse(line);
        return document.RootElement.Clone();
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Or(string value, string fallback) => value.Length > 0 ? value : fallback;

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
