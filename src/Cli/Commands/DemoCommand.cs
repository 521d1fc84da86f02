using System;
using System.CommandLine;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Client;
using ProtocolCore.Emulator;

namespace ProtocolCore.Cli.Commands;

/// <summary>
/// <c>protocolcore demo</c>: starts the emulator in-process on loopback (or uses one in another process, <c>--server</c>)
/// and runs the same 24-tool-call agent task over WebSocket mode and over HTTP mode, then prints the two side by side
/// with the cost model that was in force.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var zeroCost = new Option<bool>("--zero-cost")
        {
            Description = "No simulated compute: only the client, the transport and the emulator's own processing are timed.",
        };
        var json = new Option<bool>("--json")
        {
            Description = "Print the figures as one JSON object (progress lines go to stderr).",
        };
        var server = new Option<string?>("--server")
        {
            Description = "Base URL of an emulator in another process (protocolcore serve), e.g. http://127.0.0.1:5000/v1/. " +
                "Then only the client runs here, so the process CPU time is the client's. Pass --zero-cost if and only if the server runs with it.",
        };
        var warmUp = new Option<double>("--warmup")
        {
            Description = "Seconds of untimed passes (both modes) before the timed ones, on the emulator that is then timed, with its cost paths exercised at a fraction of the cost. " +
                "Default 0.5; at least two passes always run, and more (up to 3x as long) while a pass still makes the JIT compile.",
            DefaultValueFactory = _ => 0.5,
        };
        var rounds = new Option<int>("--rounds")
        {
            Description = "Timed rounds of both modes, alternating which mode runs first; each figure is the median of the rounds. Default 5 with --zero-cost, else 1.",
        };
        var apiKeyEnv = new Option<string?>("--api-key-env")
        {
            Description = "With --server: the environment variable holding the API key the server wants (protocolcore serve --api-key K).",
        };
        var command = new Command("demo", "Run the scripted 24-tool-call agent task over WebSocket mode and HTTP mode on a local emulator and compare them.")
        {
            zeroCost,
            json,
            server,
            warmUp,
            rounds,
            apiKeyEnv,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            bool asJson = parseResult.GetValue(json);
            EmulatorCostModel cost = parseResult.GetValue(zeroCost) ? EmulatorCostModel.Zero : EmulatorCostModel.Default;
            TextWriter progress = asJson ? Console.Error : Console.Out;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(2));

            Uri? remote = null;
            if (parseResult.GetValue(server) is { } serverUrl && (!Uri.TryCreate(serverUrl, UriKind.Absolute, out remote) || remote.Scheme is not ("http" or "https")))
            {
                await Console.Error.WriteLineAsync("--server must be an absolute http or https URL, e.g. http://127.0.0.1:5000/v1/.").ConfigureAwait(false);
                return 2;
            }

            string? apiKey = null;
            if (parseResult.GetValue(apiKeyEnv) is { } variable)
            {
                if (remote is null)
                {
                    await Console.Error.WriteLineAsync("--api-key-env goes with --server (the in-process emulator needs no key from you).").ConfigureAwait(false);
                    return 2;
                }

                apiKey = Environment.GetEnvironmentVariable(variable);
                if (string.IsNullOrEmpty(apiKey))
                {
                    await Console.Error.WriteLineAsync($"The environment variable {variable} is not set.").ConfigureAwait(false);
                    return 2;
                }
            }

            int roundCount = parseResult.GetValue(rounds) is > 0 and var r ? r : cost.IsZero ? 5 : 1;
            TimeSpan warmUpTime = TimeSpan.FromSeconds(Math.Max(parseResult.GetValue(warmUp), 0));
            EmulatorServer? local = null;
            DemoWarmUp warm;
            DemoModeSummary ws;
            DemoModeSummary http;
            try
            {
                if (remote is null)
                {
                    // The host that is timed is the one warmed up (see DemoRunner.WarmUpAsync).
                    local = await DemoRunner.StartServerAsync(cost, timeout.Token).ConfigureAwait(false);
                    warm = await DemoRunner.WarmUpAsync(local, cost, warmUpTime, timeout.Token).ConfigureAwait(false);
                }
                else if (cost.IsZero)
                {
                    warm = await DemoRunner.WarmUpAsync(remote, cost, warmUpTime, timeout.Token, apiKey).ConfigureAwait(false);
                }
                else
                {
                    // Passes against the server's own cost model would take seconds each: warm the client's code (the same
                    // whatever the server) on an in-process emulator with the cheap version of the cost paths instead.
                    await using EmulatorServer warmHost = await DemoRunner.StartServerAsync(cost, timeout.Token).ConfigureAwait(false);
                    warm = await DemoRunner.WarmUpAsync(warmHost, cost, warmUpTime, timeout.Token).ConfigureAwait(false);
                }

                Uri baseAddress = local?.BaseAddress ?? remote!;
                progress.WriteLine(local is not null
                    ? $"Emulator in this process on {baseAddress}; {cost}"
                    : $"Emulator in another process at {baseAddress}; assumed {cost} (the server's must match: it is subtracted from each turn)");
                progress.WriteLine($"Task: \"{ScriptedCodingAgent.TaskPrompt}\" ({ScriptedCodingAgent.TotalToolCalls} tool calls, {ScriptedCodingAgent.TurnCount} responses)");
                progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Warm-up: {warm.Passes} untimed passes of both modes in {warm.Duration.TotalSeconds:0.0} s ({(local is null && cost.IsZero ? "against that server" : $"{DemoRunner.WarmUpCostModel(cost)}")}), the last compiling {warm.LastPassCompiledMethods} methods; then {roundCount} timed round{(roundCount == 1 ? "" : "s")}"));
                (List<DemoModeResult> wsRounds, List<DemoModeResult> httpRounds) = await DemoRunner.RunRoundsAsync(baseAddress, cost, roundCount, progress, timeout.Token, apiKey).ConfigureAwait(false);
                ws = new DemoModeSummary(wsRounds);
                http = new DemoModeSummary(httpRounds);
            }
            finally
            {
                if (local is not null)
                {
                    await local.DisposeAsync().ConfigureAwait(false);
                }
            }

            List<string> warnings = Warnings(ws, http, cost);
            if (asJson)
            {
                WriteJson(Console.OpenStandardOutput(), ws, http, cost, inProcess: remote is null, warnings);
                foreach (string warning in warnings)
                {
                    await Console.Error.WriteLineAsync(warning).ConfigureAwait(false);
                }
            }
            else
            {
                WriteTable(Console.Out, ws, http, cost, inProcess: remote is null, warnings);
            }

            return 0;
        });

        return command;
    }

    /// <summary>What a reader of the figures must know: a cost model that does not match the server's, or JIT work inside the timed run.</summary>
    internal static List<string> Warnings(DemoModeSummary ws, DemoModeSummary http, EmulatorCostModel cost)
    {
        var warnings = new List<string>();
        if (ws.CostModelLargerThanServers || http.CostModelLargerThanServers)
        {
            double shortfall = -Math.Min(ws.ClientOverheadUsPerTurn, http.ClientOverheadUsPerTurn) / 1000;
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"warning: turns took {shortfall:0.0} ms less on average than the assumed {cost} simulates: the server simulates less compute than that, " +
                $"so the client overhead row is left out. Pass --zero-cost if and only if the server runs with --zero-cost."));
        }

        foreach (DemoModeSummary mode in new[] { ws, http })
        {
            if (mode.JitShareOfCpu > JitWarningShare)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"note: the JIT compiled {mode.JitMethods} methods ({mode.JitTime.TotalMilliseconds:0.0} ms, {mode.JitShareOfCpu:P0} of the CPU row) during the timed {mode.First.Name} pass: " +
                    $"its CPU figure is partly start-up cost. A longer --warmup settles it."));
            }
        }

        return warnings;
    }

    /// <summary>Above this share of a timed pass's CPU time, JIT work is called out next to the figures.</summary>
    internal const double JitWarningShare = 0.05;

    internal static void WriteTable(TextWriter output, DemoModeSummary ws, DemoModeSummary http, EmulatorCostModel cost, bool inProcess, IReadOnlyList<string> warnings)
    {
        bool overheadKnown = !ws.CostModelLargerThanServers && !http.CostModelLargerThanServers;
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"",-32} {"WebSocket",14} {"HTTP (SSE)",14} {"WS / HTTP",10}"));
        Row("total time (ms)", ws.Total.TotalMilliseconds, http.Total.TotalMilliseconds, "0.0");
        if (overheadKnown)
        {
            Row("client overhead per turn (µs)", ws.ClientOverheadUsPerTurn, http.ClientOverheadUsPerTurn, "0");
        }
        else
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"client overhead per turn (µs)",-32} {"n/a",14} {"n/a",14}"));
        }

        Row(inProcess ? "process CPU per turn (µs) [1]" : "client CPU per turn (µs) [1]", ws.ProcessCpuUsPerTurn, http.ProcessCpuUsPerTurn, "0");
        Row("  of which JIT (µs) [2]", ws.JitTime.TotalMicroseconds / ws.First.Turns, http.JitTime.TotalMicroseconds / http.First.Turns, "0");
        Row("time to first delta, avg (ms)", ws.FirstDeltaMsAverage, http.FirstDeltaMsAverage, "0.00");
        Row("bytes sent", ws.First.BytesSent, http.First.BytesSent, "N0");
        Row("bytes received", ws.First.BytesReceived, http.First.BytesReceived, "N0");
        Row("reconnects", ws.First.Reconnects, http.First.Reconnects, "0");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"turns / tool calls",-32} {$"{ws.First.Turns} / {ws.First.ToolCalls}",14} {$"{http.First.Turns} / {http.First.ToolCalls}",14}"));
        output.WriteLine();
        output.WriteLine(cost.ToString());
        if (ws.Rounds.Count > 1)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Each figure is the median of {ws.Rounds.Count} rounds, alternating which mode ran first."));
        }

        output.WriteLine("Client overhead per turn = turn wall time (send → terminal event, connect included) minus the compute the cost model");
        output.WriteLine("simulated for that turn (per-request overhead + prefill of uncached input tokens + output tokens, from its usage);");
        output.WriteLine(inProcess
            ? "it includes the in-process emulator's own processing. Bytes are JSON payloads (WebSocket messages, HTTP bodies)."
            : "it includes the other process's (the emulator's) processing and the loopback hops. Bytes are JSON payloads (WebSocket messages, HTTP bodies).");
        output.WriteLine(inProcess
            ? "[1] CPU time of this process over the timed run / turns: client and in-process emulator together (use --server to separate them)."
            : "[1] CPU time of this (client-only) process over the timed run / turns, all threads (runtime, GC, tool handlers included).");
        output.WriteLine("[2] Time the JIT spent compiling during the timed run / turns (System.Runtime.JitInfo): start-up cost, not the mode's; near 0 once warm.");
        foreach (string warning in warnings)
        {
            output.WriteLine(warning);
        }

        void Row(string label, double a, double b, string format) =>
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label,-32} {a.ToString(format, CultureInfo.InvariantCulture),14} {b.ToString(format, CultureInfo.InvariantCulture),14} {(b == 0 ? "" : (a / b).ToString("0.00", CultureInfo.InvariantCulture)),10}"));
    }

    internal static void WriteJson(Stream stream, DemoModeSummary ws, DemoModeSummary http, EmulatorCostModel cost, bool inProcess = true, IReadOnlyList<string>? warnings = null)
    {
        bool overheadKnown = !ws.CostModelLargerThanServers && !http.CostModelLargerThanServers;
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("turns"u8, ws.First.Turns);
            writer.WriteNumber("tool_calls"u8, ws.First.ToolCalls);
            writer.WriteNumber("rounds"u8, ws.Rounds.Count);
            // Says whose work process_cpu_us_per_turn covers: with an in-process emulator, the emulator's too.
            writer.WriteBoolean("emulator_in_process"u8, inProcess);
            Mode("websocket", ws);
            Mode("http", http);
            writer.WritePropertyName("cost_model"u8);
            cost.WriteJson(writer);
            writer.WriteStartArray("warnings"u8);
            foreach (string warning in warnings ?? [])
            {
                writer.WriteStringValue(warning);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();

            void Mode(string name, DemoModeSummary r)
            {
                writer.WriteStartObject(name);
                writer.WriteNumber("total_ms"u8, Math.Round(r.Total.TotalMilliseconds, 3));
                writer.WriteNumber("bytes_sent"u8, r.First.BytesSent);
                writer.WriteNumber("bytes_received"u8, r.First.BytesReceived);
                writer.WriteNumber("first_delta_ms_avg"u8, Math.Round(r.FirstDeltaMsAverage, 3));
                if (overheadKnown)
                {
                    writer.WriteNumber("client_overhead_us_per_turn"u8, Math.Round(r.ClientOverheadUsPerTurn, 1));
                }
                else
                {
                    // Refused, not printed: negative means the assumed cost model is larger than the server's.
                    writer.WriteNull("client_overhead_us_per_turn"u8);
                }

                writer.WriteNumber("process_cpu_us_per_turn"u8, Math.Round(r.ProcessCpuUsPerTurn, 1));
                writer.WriteNumber("jit_us_per_turn"u8, Math.Round(r.JitTime.TotalMicroseconds / r.First.Turns, 1));
                writer.WriteNumber("jit_methods"u8, r.JitMethods);
                writer.WriteNumber("reconnects"u8, r.First.Reconnects);
                writer.WriteEndObject();
            }
        }

        stream.WriteByte((byte)'\n');
        stream.Flush();
    }
}
