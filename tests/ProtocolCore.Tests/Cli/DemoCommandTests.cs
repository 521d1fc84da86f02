using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Cli.Commands;
using ProtocolCore.Client;
using ProtocolCore.Emulator;

namespace ProtocolCore.Tests.Cli;

public class DemoCommandTests
{
    [Fact]
    public async Task BothModesRunTheWholeTaskAndTheJsonHasEveryFigure()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using EmulatorServer server = await DemoRunner.StartServerAsync(EmulatorCostModel.Zero, timeout.Token);
        var progress = new StringWriter();
        DemoModeResult ws = await DemoRunner.RunAsync(server, ResponsesTransportMode.WebSocket, progress, timeout.Token);
        DemoModeResult http = await DemoRunner.RunAsync(server, ResponsesTransportMode.Http, progress, timeout.Token);

        Assert.Equal(ScriptedCodingAgent.TotalToolCalls, ws.ToolCalls);
        Assert.Equal(ScriptedCodingAgent.TotalToolCalls, http.ToolCalls);
        Assert.Equal(2 * ScriptedCodingAgent.TurnCount, progress.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.True(ws.BytesSent * 5 <= http.BytesSent, $"{ws.BytesSent} vs {http.BytesSent}");
        Assert.Equal(ScriptedCodingAgent.TurnCount, ws.ClientOverhead.Count);

        using var json = new MemoryStream();
        DemoCommand.WriteJson(json, ws, http, EmulatorCostModel.Zero);
        using JsonDocument document = JsonDocument.Parse(json.ToArray());
        JsonElement root = document.RootElement;
        Assert.Equal(ScriptedCodingAgent.TurnCount, root.GetProperty("turns").GetInt32());
        Assert.Equal(ScriptedCodingAgent.TotalToolCalls, root.GetProperty("tool_calls").GetInt32());
        foreach (string mode in new[] { "websocket", "http" })
        {
            JsonElement m = root.GetProperty(mode);
            foreach (string key in new[] { "total_ms", "bytes_sent", "bytes_received", "first_delta_ms_avg", "client_overhead_us_per_turn", "process_cpu_us_per_turn", "reconnects" })
            {
                Assert.Equal(JsonValueKind.Number, m.GetProperty(key).ValueKind);
            }
        }

        Assert.Equal(ws.BytesSent, root.GetProperty("websocket").GetProperty("bytes_sent").GetInt64());
        Assert.Equal(0, root.GetProperty("cost_model").GetProperty("per_request_overhead_ms").GetDouble());
        Assert.True(root.GetProperty("emulator_in_process").GetBoolean());
    }

    [Fact]
    public async Task TheTaskRunsAgainstAnEmulatorGivenByUrlAndCountsProcessCpu()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        // As `protocolcore serve --zero-cost` starts it: any non-empty key.
        await using EmulatorServer server = await EmulatorServer.StartAsync(new EmulatorOptions { CostModel = EmulatorCostModel.Zero }, timeout.Token);
        DemoModeResult ws = await DemoRunner.RunAsync(server.BaseAddress, EmulatorCostModel.Zero, ResponsesTransportMode.WebSocket, null, timeout.Token);
        DemoModeResult http = await DemoRunner.RunAsync(server.BaseAddress, EmulatorCostModel.Zero, ResponsesTransportMode.Http, null, timeout.Token);

        Assert.Equal(ScriptedCodingAgent.TotalToolCalls, ws.ToolCalls);
        Assert.True(ws.ProcessCpu > TimeSpan.Zero);
        Assert.True(http.ProcessCpu > TimeSpan.Zero);

        using var json = new MemoryStream();
        DemoCommand.WriteJson(json, ws, http, EmulatorCostModel.Zero, inProcess: false);
        using JsonDocument document = JsonDocument.Parse(json.ToArray());
        Assert.False(document.RootElement.GetProperty("emulator_in_process").GetBoolean());
        Assert.True(document.RootElement.GetProperty("websocket").GetProperty("process_cpu_us_per_turn").GetDouble() > 0);
    }

    [Fact]
    public async Task WarmUpRepeatsBothModesForItsDurationAndRunsAtLeastOnce()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using EmulatorServer server = await DemoRunner.StartServerAsync(EmulatorCostModel.Zero, timeout.Token);

        Assert.Equal(1, await DemoRunner.WarmUpAsync(server.BaseAddress, EmulatorCostModel.Zero, TimeSpan.Zero, timeout.Token));

        var clock = Stopwatch.StartNew();
        int passes = await DemoRunner.WarmUpAsync(server.BaseAddress, EmulatorCostModel.Zero, TimeSpan.FromMilliseconds(300), timeout.Token);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(300));

        // Every pass is the whole task over each mode: 19 responses each.
        Assert.Equal((1 + passes) * 2 * ScriptedCodingAgent.TurnCount, server.Counters.Responses);
    }

    [Fact]
    public async Task WarmUpWithSimulatedComputeRunsOnePass()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using EmulatorServer server = await DemoRunner.StartServerAsync(EmulatorCostModel.Zero, timeout.Token);
        EmulatorCostModel slow = EmulatorCostModel.Zero with { PerOutputToken = TimeSpan.FromTicks(1) };

        Assert.Equal(1, await DemoRunner.WarmUpAsync(server.BaseAddress, slow, TimeSpan.FromMinutes(10), timeout.Token));
        Assert.Equal(2 * ScriptedCodingAgent.TurnCount, server.Counters.Responses);
    }

    [Fact]
    public void SimulatedComputeFollowsTheCostModel()
    {
        var usage = new ProtocolCore.Models.ResponseUsage { InputTokens = 1000, InputTokensDetails = new ProtocolCore.Models.InputTokensDetails { CachedTokens = 400 }, OutputTokens = 50 };
        TimeSpan simulated = DemoRunner.SimulatedCompute(EmulatorCostModel.Default, usage);
        Assert.Equal(EmulatorCostModel.Default.PerRequestOverhead + EmulatorCostModel.Default.Prefill(600) + EmulatorCostModel.Default.Generate(50), simulated);
    }
}
