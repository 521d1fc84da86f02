using System;
using System.CommandLine;
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
            Description = "Seconds of untimed passes (both modes, zero-cost) before the timed ones, so the JIT has settled. Default 1.5; at least one pass always runs.",
            DefaultValueFactory = _ => 1.5,
        };
        var command = new Command("demo", "Run the scripted 24-tool-call agent task over WebSocket mode and HTTP mode on a local emulator and compare them.")
        {
            zeroCost,
            json,
            server,
            warmUp,
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

            // Untimed passes first (see DemoRunner.WarmUpAsync), on a zero-cost emulator of their own when in-process.
            TimeSpan warmUpTime = TimeSpan.FromSeconds(Math.Max(parseResult.GetValue(warmUp), 0));
            if (remote is null)
            {
                await using EmulatorServer warm = await DemoRunner.StartServerAsync(EmulatorCostModel.Zero, timeout.Token).ConfigureAwait(false);
                await DemoRunner.WarmUpAsync(warm.BaseAddress, EmulatorCostModel.Zero, warmUpTime, timeout.Token).ConfigureAwait(false);
            }
            else
            {
                await DemoRunner.WarmUpAsync(remote, cost, warmUpTime, timeout.Token).ConfigureAwait(false);
            }

            EmulatorServer? local = remote is null ? await DemoRunner.StartServerAsync(cost, timeout.Token).ConfigureAwait(false) : null;
            DemoModeResult ws;
            DemoModeResult http;
            try
            {
                Uri baseAddress = local?.BaseAddress ?? remote!;
                progress.WriteLine(local is not null
                    ? $"Emulator in this process on {baseAddress}; {cost}"
                    : $"Emulator in another process at {baseAddress}; assumed {cost} (the server's must match: it is subtracted from each turn)");
                progress.WriteLine($"Task: \"{ScriptedCodingAgent.TaskPrompt}\" ({ScriptedCodingAgent.TotalToolCalls} tool calls, {ScriptedCodingAgent.TurnCount} responses)");
                ws = await DemoRunner.RunAsync(baseAddress, cost, ResponsesTransportMode.WebSocket, progress, timeout.Token).ConfigureAwait(false);
                http = await DemoRunner.RunAsync(baseAddress, cost, ResponsesTransportMode.Http, progress, timeout.Token).ConfigureAwait(false);
            }
            finally
            {
                if (local is not null)
                {
                    await local.DisposeAsync().ConfigureAwait(false);
                }
            }

            if (asJson)
            {
                WriteJson(Console.OpenStandardOutput(), ws, http, cost, inProcess: remote is null);
            }
            else
            {
                WriteTable(Console.Out, ws, http, cost, inProcess: remote is null);
            }

            return 0;
        });

        return command;
    }

    private static void WriteTable(TextWriter output, DemoModeResult ws, DemoModeResult http, EmulatorCostModel cost, bool inProcess)
    {
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"",-32} {"WebSocket",14} {"HTTP (SSE)",14} {"WS / HTTP",10}"));
        Row("total time (ms)", ws.Total.TotalMilliseconds, http.Total.TotalMilliseconds, "0.0");
        Row("client overhead per turn (µs)", ws.ClientOverheadUsPerTurn, http.ClientOverheadUsPerTurn, "0");
        Row(inProcess ? "process CPU per turn (µs) [1]" : "client CPU per turn (µs) [1]", ws.ProcessCpuUsPerTurn, http.ProcessCpuUsPerTurn, "0");
        Row("time to first delta, avg (ms)", ws.FirstDeltaMsAverage, http.FirstDeltaMsAverage, "0.00");
        Row("bytes sent", ws.BytesSent, http.BytesSent, "N0");
        Row("bytes received", ws.BytesReceived, http.BytesReceived, "N0");
        Row("reconnects", ws.Reconnects, http.Reconnects, "0");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"turns / tool calls",-32} {$"{ws.Turns} / {ws.ToolCalls}",14} {$"{http.Turns} / {http.ToolCalls}",14}"));
        output.WriteLine();
        output.WriteLine(cost.ToString());
        output.WriteLine("Client overhead per turn = turn wall time (send → terminal event, connect included) minus the compute the cost model");
        output.WriteLine("simulated for that turn (per-request overhead + prefill of uncached input tokens + output tokens, from its usage);");
        output.WriteLine(inProcess
            ? "it includes the in-process emulator's own processing. Bytes are JSON payloads (WebSocket messages, HTTP bodies)."
            : "it includes the other process's (the emulator's) processing and the loopback hops. Bytes are JSON payloads (WebSocket messages, HTTP bodies).");
        output.WriteLine(inProcess
            ? "[1] CPU time of this process over the timed run / turns: client and in-process emulator together (use --server to separate them)."
            : "[1] CPU time of this (client-only) process over the timed run / turns, all threads (runtime, GC, tool handlers included).");

        void Row(string label, double a, double b, string format) =>
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label,-32} {a.ToString(format, CultureInfo.InvariantCulture),14} {b.ToString(format, CultureInfo.InvariantCulture),14} {(b == 0 ? "" : (a / b).ToString("0.00", CultureInfo.InvariantCulture)),10}"));
    }

    internal static void WriteJson(Stream stream, DemoModeResult ws, DemoModeResult http, EmulatorCostModel cost, bool inProcess = true)
    {
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("turns"u8, ws.Turns);
            writer.WriteNumber("tool_calls"u8, ws.ToolCalls);
            // Says whose work process_cpu_us_per_turn covers: with an in-process emulator, the emulator's too.
            writer.WriteBoolean("emulator_in_process"u8, inProcess);
            Mode("websocket", ws);
            Mode("http", http);
            writer.WritePropertyName("cost_model"u8);
            cost.WriteJson(writer);
            writer.WriteEndObject();

            void Mode(string name, DemoModeResult r)
            {
                writer.WriteStartObject(name);
                writer.WriteNumber("total_ms"u8, Math.Round(r.Total.TotalMilliseconds, 3));
                writer.WriteNumber("bytes_sent"u8, r.BytesSent);
                writer.WriteNumber("bytes_received"u8, r.BytesReceived);
                writer.WriteNumber("first_delta_ms_avg"u8, Math.Round(r.FirstDeltaMsAverage, 3));
                writer.WriteNumber("client_overhead_us_per_turn"u8, Math.Round(r.ClientOverheadUsPerTurn, 1));
                writer.WriteNumber("process_cpu_us_per_turn"u8, Math.Round(r.ProcessCpuUsPerTurn, 1));
                writer.WriteNumber("reconnects"u8, r.Reconnects);
                writer.WriteEndObject();
            }
        }

        stream.WriteByte((byte)'\n');
        stream.Flush();
    }
}
