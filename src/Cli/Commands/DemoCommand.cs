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
/// <c>protocolcore demo</c>: starts the emulator in-process on loopback and runs the same 24-tool-call agent task over
/// WebSocket mode and over HTTP mode, then prints the two side by side with the cost model that was in force.
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
        var command = new Command("demo", "Run the scripted 24-tool-call agent task over WebSocket mode and HTTP mode on a local emulator and compare them.")
        {
            zeroCost,
            json,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            bool asJson = parseResult.GetValue(json);
            EmulatorCostModel cost = parseResult.GetValue(zeroCost) ? EmulatorCostModel.Zero : EmulatorCostModel.Default;
            TextWriter progress = asJson ? Console.Error : Console.Out;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(2));

            // One untimed pass per mode on a zero-cost emulator first, so JIT compilation is not billed to whichever mode runs first.
            await using (EmulatorServer warm = await DemoRunner.StartServerAsync(EmulatorCostModel.Zero, timeout.Token).ConfigureAwait(false))
            {
                await DemoRunner.RunAsync(warm, ResponsesTransportMode.WebSocket, null, timeout.Token).ConfigureAwait(false);
                await DemoRunner.RunAsync(warm, ResponsesTransportMode.Http, null, timeout.Token).ConfigureAwait(false);
            }

            await using EmulatorServer server = await DemoRunner.StartServerAsync(cost, timeout.Token).ConfigureAwait(false);
            progress.WriteLine($"Emulator on {server.BaseAddress}; {cost}");
            progress.WriteLine($"Task: \"{ScriptedCodingAgent.TaskPrompt}\" ({ScriptedCodingAgent.TotalToolCalls} tool calls, {ScriptedCodingAgent.TurnCount} responses)");
            DemoModeResult ws = await DemoRunner.RunAsync(server, ResponsesTransportMode.WebSocket, progress, timeout.Token).ConfigureAwait(false);
            DemoModeResult http = await DemoRunner.RunAsync(server, ResponsesTransportMode.Http, progress, timeout.Token).ConfigureAwait(false);

            if (asJson)
            {
                WriteJson(Console.OpenStandardOutput(), ws, http, cost);
            }
            else
            {
                WriteTable(Console.Out, ws, http, cost);
            }

            return 0;
        });

        return command;
    }

    private static void WriteTable(TextWriter output, DemoModeResult ws, DemoModeResult http, EmulatorCostModel cost)
    {
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"",-32} {"WebSocket",14} {"HTTP (SSE)",14} {"WS / HTTP",10}"));
        Row("total time (ms)", ws.Total.TotalMilliseconds, http.Total.TotalMilliseconds, "0.0");
        Row("client overhead per turn (µs)", ws.ClientOverheadUsPerTurn, http.ClientOverheadUsPerTurn, "0");
        Row("time to first delta, avg (ms)", ws.FirstDeltaMsAverage, http.FirstDeltaMsAverage, "0.00");
        Row("bytes sent", ws.BytesSent, http.BytesSent, "N0");
        Row("bytes received", ws.BytesReceived, http.BytesReceived, "N0");
        Row("reconnects", ws.Reconnects, http.Reconnects, "0");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"turns / tool calls",-32} {$"{ws.Turns} / {ws.ToolCalls}",14} {$"{http.Turns} / {http.ToolCalls}",14}"));
        output.WriteLine();
        output.WriteLine(cost.ToString());
        output.WriteLine("Client overhead per turn = turn wall time (send → terminal event, connect included) minus the compute the cost model");
        output.WriteLine("simulated for that turn (per-request overhead + prefill of uncached input tokens + output tokens, from its usage);");
        output.WriteLine("it includes the emulator's own processing on this machine. Bytes are JSON payloads (WebSocket messages, HTTP bodies).");

        void Row(string label, double a, double b, string format) =>
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label,-32} {a.ToString(format, CultureInfo.InvariantCulture),14} {b.ToString(format, CultureInfo.InvariantCulture),14} {(b == 0 ? "" : (a / b).ToString("0.00", CultureInfo.InvariantCulture)),10}"));
    }

    internal static void WriteJson(Stream stream, DemoModeResult ws, DemoModeResult http, EmulatorCostModel cost)
    {
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("turns"u8, ws.Turns);
            writer.WriteNumber("tool_calls"u8, ws.ToolCalls);
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
                writer.WriteNumber("reconnects"u8, r.Reconnects);
                writer.WriteEndObject();
            }
        }

        stream.WriteByte((byte)'\n');
        stream.Flush();
    }
}
