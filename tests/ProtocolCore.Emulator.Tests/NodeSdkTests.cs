using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Emulator.Tests;

/// <summary>The official OpenAI Node SDK (<c>ResponsesWS</c>) runs a tool loop against the emulator (tests/node-sdk).</summary>
public class NodeSdkTests
{
    [Fact]
    public async Task TheOfficialNodeSdkRunsTheToolLoop()
    {
        string directory = Path.Combine(FindRoot(), "tests", "node-sdk");
        Assert.True(
            Directory.Exists(Path.Combine(directory, "node_modules", "openai")),
            "tests/node-sdk has no node_modules: run eng/setup.sh (it runs npm ci there).");

        await using EmulatorServer server = await EmulatorServer.StartAsync(new EmulatorOptions { CostModel = EmulatorCostModel.Zero });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("tool-loop.mjs");
        start.ArgumentList.Add(server.BaseAddress.ToString().TrimEnd('/'));
        using Process node = Process.Start(start)!;
        Task<string> stdout = node.StandardOutput.ReadToEndAsync(timeout.Token);
        Task<string> stderr = node.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw;
        }

        string output = await stdout;
        Assert.True(node.ExitCode == 0, $"node exited with {node.ExitCode}: {output} {await stderr}");
        using JsonDocument result = JsonDocument.Parse(output);
        Assert.Equal(ScriptedCodingAgent.TotalToolCalls, result.RootElement.GetProperty("calls").GetInt32());
        Assert.Equal(ScriptedCodingAgent.TurnCount, result.RootElement.GetProperty("turns").GetInt32());
        Assert.Equal(ScriptedCodingAgent.FinalMessage.Length, result.RootElement.GetProperty("text_chars").GetInt32());
        Assert.Equal(ScriptedCodingAgent.TurnCount - 1, server.Counters.ConnectionCacheHits);
    }

    private static string FindRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "ProtocolCore.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("ProtocolCore.sln not found above " + AppContext.BaseDirectory);
    }
}
