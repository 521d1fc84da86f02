using System;
using System.Collections.Generic;
using System.CommandLine;
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
        DemoCommand.WriteJson(json, new DemoModeSummary([ws]), new DemoModeSummary([http]), EmulatorCostModel.Zero);
        using JsonDocument document = JsonDocument.Parse(json.ToArray());
        JsonElement root = document.RootElement;
        Assert.Equal(ScriptedCodingAgent.TurnCount, root.GetProperty("turns").GetInt32());
        Assert.Equal(ScriptedCodingAgent.TotalToolCalls, root.GetProperty("tool_calls").GetInt32());
        foreach (string mode in new[] { "websocket", "http" })
        {
            JsonElement m = root.GetProperty(mode);
            foreach (string key in new[] { "total_ms", "bytes_sent", "bytes_received", "first_delta_ms_avg", "client_overhead_us_per_turn", "process_cpu_us_per_turn", "jit_us_per_turn", "jit_methods", "reconnects" })
            {
                Assert.Equal(JsonValueKind.Number, m.GetProperty(key).ValueKind);
            }
        }

        Assert.Equal(ws.BytesSent, root.GetProperty("websocket").GetProperty("bytes_sent").GetInt64());
        Assert.Equal(0, root.GetProperty("cost_model").GetProperty("per_request_overhead_ms").GetDouble());
        Assert.True(root.GetProperty("emulator_in_process").GetBoolean());
        Assert.Equal(1, root.GetProperty("rounds").GetInt32());
        Assert.Equal(0, root.GetProperty("warnings").GetArrayLength());
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
        DemoCommand.WriteJson(json, new DemoModeSummary([ws]), new DemoModeSummary([http]), EmulatorCostModel.Zero, inProcess: false);
        using JsonDocument document = JsonDocument.Parse(json.ToArray());
        Assert.False(document.RootElement.GetProperty("emulator_in_process").GetBoolean());
        Assert.True(document.RootElement.GetProperty("websocket").GetProperty("process_cpu_us_per_turn").GetDouble() > 0);
    }

    [Fact]
    public async Task WarmUpRunsAtLeastTwoPassesOfBothModesAndRepeatsForItsDuration()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using EmulatorServer server = await DemoRunner.StartServerAsync(EmulatorCostModel.Zero, timeout.Token);

        // The second pass is what shows whether the first left anything to compile.
        DemoWarmUp quick = await DemoRunner.WarmUpAsync(server.BaseAddress, EmulatorCostModel.Zero, TimeSpan.Zero, timeout.Token);
        Assert.Equal(2, quick.Passes);

        DemoWarmUp longer = await DemoRunner.WarmUpAsync(server.BaseAddress, EmulatorCostModel.Zero, TimeSpan.FromMilliseconds(300), timeout.Token);
        Assert.True(longer.Duration >= TimeSpan.FromMilliseconds(300));
        Assert.True(longer.Passes >= 2);

        // Every pass is the whole task over each mode: 19 responses each.
        Assert.Equal((quick.Passes + longer.Passes) * 2 * ScriptedCodingAgent.TurnCount, server.Counters.Responses);
    }

    [Fact]
    public async Task WarmUpRunsOnTheTimedHostWithTheCheapCostModelAndLeavesTheTimedOneInForce()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using EmulatorServer server = await DemoRunner.StartServerAsync(EmulatorCostModel.Default, timeout.Token);

        DemoWarmUp warm = await DemoRunner.WarmUpAsync(server, EmulatorCostModel.Default, TimeSpan.Zero, timeout.Token);

        Assert.Equal(warm.Passes * 2 * ScriptedCodingAgent.TurnCount, server.Counters.Responses);
        Assert.Same(EmulatorCostModel.Default, server.Options.CostModel);
    }

    [Fact]
    public void TheWarmUpCostModelTakesTheSamePathsAtAFractionOfTheCost()
    {
        EmulatorCostModel timed = EmulatorCostModel.Default;
        EmulatorCostModel warm = DemoRunner.WarmUpCostModel(timed);

        // Non-zero everywhere the timed model is, and the per-request wait is long enough that the emulator takes it (>= 1 ms).
        Assert.InRange(warm.PerRequestOverhead, TimeSpan.FromMilliseconds(1), timed.PerRequestOverhead / 10);
        Assert.InRange(warm.PrefillPerUncachedInputToken, TimeSpan.FromTicks(1), timed.PrefillPerUncachedInputToken / 10);
        Assert.InRange(warm.PerOutputToken, TimeSpan.FromTicks(1), timed.PerOutputToken / 10);
        Assert.Same(EmulatorCostModel.Zero, DemoRunner.WarmUpCostModel(EmulatorCostModel.Zero));
    }

    [Fact]
    public async Task RoundsAlternateWhichModeRunsFirstAndPrintTurnsOfTheFirstRoundOnly()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using EmulatorServer server = await DemoRunner.StartServerAsync(EmulatorCostModel.Zero, timeout.Token);
        var progress = new StringWriter();

        (var ws, var http) = await DemoRunner.RunRoundsAsync(server.BaseAddress, EmulatorCostModel.Zero, 2, progress, timeout.Token);

        Assert.Equal(2, ws.Count);
        Assert.Equal(2, http.Count);
        Assert.Equal(2 * 2 * ScriptedCodingAgent.TurnCount, server.Counters.Responses);
        string[] lines = progress.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal((2 * ScriptedCodingAgent.TurnCount) + 2, lines.Length);
        Assert.StartsWith("  websocket turn  1/", lines[0], StringComparison.Ordinal);
        Assert.Contains("round 1/2 (WebSocket first)", lines[^2], StringComparison.Ordinal);
        Assert.Contains("round 2/2 (HTTP first)", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void EachFigureIsTheMedianOfTheRounds()
    {
        var summary = new DemoModeSummary([Result(total: 30, cpuUs: 500), Result(total: 10, cpuUs: 900), Result(total: 20, cpuUs: 700)]);

        Assert.Equal(TimeSpan.FromMilliseconds(20), summary.Total);
        Assert.Equal(700.0 / ScriptedCodingAgent.TurnCount, summary.ProcessCpuUsPerTurn, 6);
    }

    [Fact]
    public async Task AZeroCostServerMeasuredWithTheDefaultCostModelGetsAWarningNotANegativeOverhead()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using EmulatorServer server = await DemoRunner.StartServerAsync(EmulatorCostModel.Zero, timeout.Token);

        // What `demo --server URL` without --zero-cost does against `serve --zero-cost`.
        DemoModeResult ws = await DemoRunner.RunAsync(server.BaseAddress, EmulatorCostModel.Default, ResponsesTransportMode.WebSocket, null, timeout.Token);
        DemoModeResult http = await DemoRunner.RunAsync(server.BaseAddress, EmulatorCostModel.Default, ResponsesTransportMode.Http, null, timeout.Token);
        var wsSummary = new DemoModeSummary([ws]);
        var httpSummary = new DemoModeSummary([http]);

        Assert.True(ws.ClientOverheadUsPerTurn < 0);
        Assert.True(wsSummary.CostModelLargerThanServers);
        List<string> warnings = DemoCommand.Warnings(wsSummary, httpSummary, EmulatorCostModel.Default);
        Assert.Contains(warnings, w => w.StartsWith("warning:", StringComparison.Ordinal) && w.Contains("--zero-cost", StringComparison.Ordinal));

        var table = new StringWriter();
        DemoCommand.WriteTable(table, wsSummary, httpSummary, EmulatorCostModel.Default, inProcess: false, warnings);
        string overheadRow = Array.Find(table.ToString().Split('\n'), l => l.StartsWith("client overhead per turn", StringComparison.Ordinal))!;
        Assert.Contains("n/a", overheadRow, StringComparison.Ordinal);
        Assert.DoesNotContain("-", overheadRow, StringComparison.Ordinal);

        using var json = new MemoryStream();
        DemoCommand.WriteJson(json, wsSummary, httpSummary, EmulatorCostModel.Default, inProcess: false, warnings);
        using JsonDocument document = JsonDocument.Parse(json.ToArray());
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("websocket").GetProperty("client_overhead_us_per_turn").ValueKind);
        Assert.Equal(warnings.Count, document.RootElement.GetProperty("warnings").GetArrayLength());
    }

    [Fact]
    public async Task AMatchingCostModelGetsNoWarning()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using EmulatorServer server = await DemoRunner.StartServerAsync(EmulatorCostModel.Zero, timeout.Token);
        DemoModeResult ws = await DemoRunner.RunAsync(server.BaseAddress, EmulatorCostModel.Zero, ResponsesTransportMode.WebSocket, null, timeout.Token);

        Assert.False(new DemoModeSummary([ws]).CostModelLargerThanServers);
    }

    [Fact]
    public async Task DemoSendsTheKeyFromApiKeyEnvToAServerThatWantsOne()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        // As `protocolcore serve --api-key K --zero-cost` starts it.
        await using EmulatorServer server = await EmulatorServer.StartAsync(
            new EmulatorOptions { CostModel = EmulatorCostModel.Zero, AcceptedApiKeys = ["k-demo-test"] }, timeout.Token);
        string variable = "PROTOCOLCORE_DEMO_TEST_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "k-demo-test");
        try
        {
            int exit = await DemoCommand.Create().Parse(
                ["--server", server.BaseAddress.ToString(), "--zero-cost", "--api-key-env", variable, "--warmup", "0", "--rounds", "1", "--json"]).InvokeAsync(cancellationToken: timeout.Token);

            Assert.Equal(0, exit);
            Assert.Equal(0, server.Counters.Unauthorized);

            // Two warm-up passes and one timed round, each both modes.
            Assert.Equal(3 * 2 * ScriptedCodingAgent.TurnCount, server.Counters.Responses);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ApiKeyEnvIsRefusedWithoutServerOrWhenTheVariableIsUnset(bool withServer)
    {
        string[] args = withServer
            ? ["--server", "http://127.0.0.1:9/v1/", "--api-key-env", "PROTOCOLCORE_DEMO_TEST_UNSET_" + Guid.NewGuid().ToString("N")]
            : ["--api-key-env", "PATH"];

        Assert.Equal(2, await DemoCommand.Create().Parse(args).InvokeAsync());
    }

    private static DemoModeResult Result(int total, int cpuUs) => new()
    {
        Name = "websocket",
        Turns = ScriptedCodingAgent.TurnCount,
        ToolCalls = ScriptedCodingAgent.TotalToolCalls,
        Total = TimeSpan.FromMilliseconds(total),
        BytesSent = 1,
        BytesReceived = 1,
        Reconnects = 0,
        FirstDelta = [TimeSpan.FromMilliseconds(1)],
        ClientOverhead = [TimeSpan.FromMilliseconds(1)],
        ProcessCpu = TimeSpan.FromMicroseconds(cpuUs),
    };

    [Fact]
    public void SimulatedComputeFollowsTheCostModel()
    {
        var usage = new ProtocolCore.Models.ResponseUsage { InputTokens = 1000, InputTokensDetails = new ProtocolCore.Models.InputTokensDetails { CachedTokens = 400 }, OutputTokens = 50 };
        TimeSpan simulated = DemoRunner.SimulatedCompute(EmulatorCostModel.Default, usage);
        Assert.Equal(EmulatorCostModel.Default.PerRequestOverhead + EmulatorCostModel.Default.Prefill(600) + EmulatorCostModel.Default.Generate(50), simulated);
    }
}
