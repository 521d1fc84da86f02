using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
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
    public static async Task<DemoModeResult> RunAsync(Uri baseAddress, EmulatorCostModel cost, ResponsesTransportMode mode, TextWriter? progress, CancellationToken cancellationToken)
    {
        var options = new ResponsesClientOptions { BaseUrl = baseAddress, ApiKey = ApiKey, AllowHttpFallback = false };
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

        List<InputItem> input = [new InputMessage { Role = MessageRole.User, Content = new MessageContent([new InputTextContent { Text = ScriptedCodingAgent.TaskPrompt }]) }];

        // Every thread of the process (user + kernel): the work the client causes on the runtime's threads counts too.
        TimeSpan cpuBefore = ProcessCpu();
        ToolLoopResult result = await loop.RunAsync(input, cancellationToken).ConfigureAwait(false);
        TimeSpan cpu = ProcessCpu() - cpuBefore;

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
        };
    }

    /// <summary>
    /// Untimed passes of both modes, repeated for <paramref name="duration"/> (at least one): the timed passes then run
    /// code the tiered JIT has already optimised (a single pass of 19 turns runs mostly unoptimised code), and neither
    /// mode is billed for compiling code the other one shares. With simulated compute each pass takes seconds, so then
    /// only one runs.
    /// </summary>
    /// <returns>How many passes of each mode ran.</returns>
    public static async Task<int> WarmUpAsync(Uri baseAddress, EmulatorCostModel cost, TimeSpan duration, CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        int passes = 0;
        do
        {
            await RunAsync(baseAddress, cost, ResponsesTransportMode.WebSocket, null, cancellationToken).ConfigureAwait(false);
            await RunAsync(baseAddress, cost, ResponsesTransportMode.Http, null, cancellationToken).ConfigureAwait(false);
            passes++;
        }
        while (cost.IsZero && Stopwatch.GetElapsedTime(start) < duration);

        return passes;
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
