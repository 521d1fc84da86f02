using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Client;
using ProtocolCore.Emulator;
using ProtocolCore.Models;
using ProtocolCore.Requests;

namespace ProtocolCore.Cli.Commands;

/// <summary>Runs the emulator's scripted 24-tool-call task through <see cref="ToolLoop"/> over one transport.</summary>
internal static class DemoRunner
{
    private const string ApiKey = "sk-demo-local-emulator";

    public static Task<EmulatorServer> StartServerAsync(EmulatorCostModel costModel, CancellationToken cancellationToken) =>
        EmulatorServer.StartAsync(new EmulatorOptions { AcceptedApiKeys = [ApiKey], CostModel = costModel }, cancellationToken);

    public static Task<DemoModeResult> RunAsync(EmulatorServer server, ResponsesTransportMode mode, TextWriter? progress, CancellationToken cancellationToken) =>
        RunAsync(server.BaseAddress, server.Options.CostModel, mode, progress, cancellationToken);

    /// <param name="baseAddress">The emulator's base URL, in this process or another one.</param>
    /// <param name="cost">The cost model the emulator applies, subtracted from each turn's wall time.</param>
    /// <param name="apiKey">The key to send; null sends the one the in-process emulator accepts.</param>
    public static async Task<DemoModeResult> RunAsync(Uri baseAddress, EmulatorCostModel cost, ResponsesTransportMode mode, TextWriter? progress, CancellationToken cancellationToken, string? apiKey = null)
    {
        var options = new ResponsesClientOptions { BaseUrl = baseAddress, ApiKey = apiKey ?? ApiKey, AllowHttpFallback = false };
        var template = new ResponseCreateRequest { Model = "gpt-5.5", Instructions = ScriptedCodingAgent.Instructions, Store = false };
        string name = mode == ResponsesTransportMode.WebSocket ? "websocket" : "http";
        var firstDelta = new List<TimeSpan>();
        var overhead = new List<TimeSpan>();

        await using var session = new ResponsesSession(options, template, mode);
        var tools = new ScriptedTools();
        var loop = new ToolLoop(session);
        foreach (Tool tool in ScriptedTools.CreateDefinitions())
        {
            var function = (FunctionTool)tool;
            string toolName = function.Name!;
            loop.Register(toolName, function.Description, function.Parameters ?? default, (arguments, _) => ValueTask.FromResult(tools.Execute(toolName, arguments)));
        }

        loop.TurnCompleted = turn =>
        {
            TimeSpan simulated = SimulatedCompute(cost, turn.Response?.Usage);
            TimeSpan clientOverhead = turn.Duration - simulated;
            firstDelta.Add(turn.TimeToFirstDelta);
            overhead.Add(clientOverhead);
            progress?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name,-9} turn {firstDelta.Count,2}/{ScriptedCodingAgent.TurnCount}  calls {turn.FunctionCalls.Count}  sent {turn.BytesSent,7:N0} B  received {turn.BytesReceived,7:N0} B  " +
                $"{(turn.SentFullContext ? "full context " : "incremental  ")}  wall {turn.Duration.TotalMilliseconds,8:0.00} ms  first delta {turn.TimeToFirstDelta.TotalMilliseconds,7:0.00} ms  overhead {clientOverhead.TotalMicroseconds,8:0} µs"));
        };

        List<InputItem> input = [new Message { Role = MessageRole.User, Content = new MessageContent([new InputTextContent { Text = ScriptedCodingAgent.TaskPrompt }]) }];

        // Every thread of the process (user + kernel): the work the client causes on the runtime's threads counts too.
        TimeSpan cpuBefore = ProcessCpu();
        TimeSpan jitBefore = JitInfo.GetCompilationTime();
        long methodsBefore = JitInfo.GetCompiledMethodCount();
        ToolLoopResult result = await loop.RunAsync(input, cancellationToken).ConfigureAwait(false);
        TimeSpan cpu = ProcessCpu() - cpuBefore;
        TimeSpan jit = JitInfo.GetCompilationTime() - jitBefore;
        long methods = JitInfo.GetCompiledMethodCount() - methodsBefore;

        return new DemoModeResult
        {
            Name = name,
            Turns = result.Turns.Count,
            ToolCalls = result.ToolCalls,
            Total = result.Duration,
            BytesSent = session.BytesSent,
            BytesReceived = session.BytesReceived,
            Reconnects = session.Reconnects,
            FirstDelta = firstDelta,
            ClientOverhead = overhead,
            ProcessCpu = cpu,
            JitTime = jit,
            JitMethods = methods,
        };
    }

    /// <summary>
    /// The cost model of the untimed passes before a timed run with <paramref name="timed"/>: the same code paths
    /// (the emulator's timed waits, the client's waits on a paced stream) at a fraction of the time, so the timed
    /// passes run no code for the first time. Zero stays zero: then no wait is taken at all.
    /// </summary>
    public static EmulatorCostModel WarmUpCostModel(EmulatorCostModel timed) => timed.IsZero
        ? EmulatorCostModel.Zero
        : new EmulatorCostModel
        {
            // Every request waits once (SpendAsync only waits for 1 ms or more) and the deltas are paced.
            PerRequestOverhead = TimeSpan.FromMilliseconds(1),
            PrefillPerUncachedInputToken = TimeSpan.FromTicks(1),
            PerOutputToken = TimeSpan.FromMicroseconds(20),
        };

    /// <summary>
    /// Untimed passes on the very emulator host that is then timed, with <see cref="WarmUpCostModel"/> in force, after
    /// which the host's cost model is <paramref name="timed"/>. Warming up another host, or with zero cost before a
    /// timed run with a cost model, left code cold that the timed WebSocket pass (which runs first) then paid for.
    /// </summary>
    public static async Task<DemoWarmUp> WarmUpAsync(EmulatorServer server, EmulatorCostModel timed, TimeSpan duration, CancellationToken cancellationToken)
    {
        server.Options.CostModel = WarmUpCostModel(timed);
        try
        {
            return await WarmUpAsync(server.BaseAddress, server.Options.CostModel, duration, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Read per response, and no response is in flight between passes.
            server.Options.CostModel = timed;
        }
    }

    /// <summary>
    /// Untimed passes of both modes through the same code as the timed ones (<see cref="RunRoundsAsync"/>, progress
    /// formatted and discarded): at least two and at least <paramref name="duration"/>, continuing (up to
    /// <see cref="MaxWarmUpFactor"/> times as long) while a pass still makes the JIT compile, since whatever compiles
    /// during the timed passes is billed to the mode that runs then. Then waits for background compilation to drain.
    /// </summary>
    public static async Task<DemoWarmUp> WarmUpAsync(Uri baseAddress, EmulatorCostModel cost, TimeSpan duration, CancellationToken cancellationToken, string? apiKey = null)
    {
        long start = Stopwatch.GetTimestamp();
        int passes = 0;
        long lastPassMethods;
        do
        {
            long methodsBefore = JitInfo.GetCompiledMethodCount();
            await RunRoundsAsync(baseAddress, cost, 1, TextWriter.Null, cancellationToken, apiKey).ConfigureAwait(false);
            lastPassMethods = JitInfo.GetCompiledMethodCount() - methodsBefore;
            passes++;
        }
        while (passes < 2
            || Stopwatch.GetElapsedTime(start) < duration
            || (lastPassMethods > SettledMethodsPerPass && Stopwatch.GetElapsedTime(start) < duration * MaxWarmUpFactor));

        // With tiered compilation on (DOTNET_TieredCompilation=1), promotions queued by the last pass compile on a
        // background thread; let them finish before anything is timed.
        for (int i = 0; i < 20; i++)
        {
            long before = JitInfo.GetCompiledMethodCount();
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
            if (JitInfo.GetCompiledMethodCount() == before)
            {
                break;
            }
        }

        return new DemoWarmUp(passes, Stopwatch.GetElapsedTime(start), lastPassMethods);
    }

    /// <summary>A warm-up pass of both modes that compiles no more methods than this counts as settled.</summary>
    public const int SettledMethodsPerPass = 10;

    /// <summary>How much longer than asked the warm-up may run while the JIT has not settled.</summary>
    public const int MaxWarmUpFactor = 3;

    /// <summary>
    /// <paramref name="rounds"/> timed passes of each mode, alternating which runs first (WS, HTTP, then HTTP, WS, ...)
    /// so that neither mode is always the first to run after the warm-up. Per-turn progress is printed for the first round.
    /// </summary>
    public static async Task<(List<DemoModeResult> WebSocket, List<DemoModeResult> Http)> RunRoundsAsync(
        Uri baseAddress, EmulatorCostModel cost, int rounds, TextWriter? progress, CancellationToken cancellationToken, string? apiKey = null)
    {
        var ws = new List<DemoModeResult>(rounds);
        var http = new List<DemoModeResult>(rounds);
        for (int round = 0; round < rounds; round++)
        {
            TextWriter? turns = round == 0 ? progress : null;
            ResponsesTransportMode[] order = round % 2 == 0
                ? [ResponsesTransportMode.WebSocket, ResponsesTransportMode.Http]
                : [ResponsesTransportMode.Http, ResponsesTransportMode.WebSocket];
            foreach (ResponsesTransportMode mode in order)
            {
                DemoModeResult result = await RunAsync(baseAddress, cost, mode, turns, cancellationToken, apiKey).ConfigureAwait(false);
                (mode == ResponsesTransportMode.WebSocket ? ws : http).Add(result);
            }

            if (rounds > 1)
            {
                progress?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  round {round + 1}/{rounds} ({(round % 2 == 0 ? "WebSocket first" : "HTTP first")}): websocket {ws[^1].Total.TotalMilliseconds:0.0} ms, {ws[^1].ProcessCpuUsPerTurn:0} µs CPU per turn; http {http[^1].Total.TotalMilliseconds:0.0} ms, {http[^1].ProcessCpuUsPerTurn:0} µs CPU per turn"));
            }
        }

        return (ws, http);
    }

    private static TimeSpan ProcessCpu()
    {
        using Process self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>
    /// What the emulator's cost model made that turn wait, rebuilt from the usage it reported: per-request overhead +
    /// prefill of the uncached input tokens + generation of the output tokens (the same formula the emulator applies).
    /// </summary>
    public static TimeSpan SimulatedCompute(EmulatorCostModel cost, ResponseUsage? usage)
    {
        int input = usage?.InputTokens ?? 0;
        int cached = usage?.InputTokensDetails?.CachedTokens ?? 0;
        int output = usage?.OutputTokens ?? 0;
        return cost.PerRequestOverhead + cost.Prefill(input - cached) + cost.Generate(output);
    }
}
