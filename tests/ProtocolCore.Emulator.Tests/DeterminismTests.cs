using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Emulator.Tests;

public class DeterminismTests
{
    [Fact]
    public async Task TwoFreshServersProduceIdenticalBytes()
    {
        byte[][] first = await RunAsync();
        byte[][] second = await RunAsync();

        Assert.Equal(first.Length, second.Length);
        for (int i = 0; i < first.Length; i++)
        {
            Assert.True(first[i].AsSpan().SequenceEqual(second[i]), $"message {i} differs");
        }

        static async Task<byte[][]> RunAsync()
        {
            await using EmulatorServer server = await TestServers.StartAsync(o => o.TimeProvider = new FixedTimeProvider(new DateTimeOffset(2026, 8, 21, 12, 0, 0, TimeSpan.Zero)));
            using var timeout = new CancellationTokenSource(TestServers.Timeout);
            await using WsTestClient client = await WsTestClient.ConnectAsync(server, timeout.Token);
            await ScriptedTaskDriver.RunOverWebSocketAsync(client, timeout.Token);
            return client.Received.ToArray();
        }
    }

    [Fact]
    public void ToolOutputsAreDeterministicRealisticAndSized()
    {
        var tools = new ScriptedTools();
        var again = new ScriptedTools(ScriptedTools.DefaultSeed);
        var other = new ScriptedTools(7);
        int calls = 0;
        for (int turn = 0; turn < ScriptedCodingAgent.TurnCount; turn++)
        {
            foreach ((string name, string arguments) in ScriptedCodingAgent.CallsOfTurn(turn))
            {
                calls++;
                Assert.Contains(name, ScriptedTools.Names);
                string output = tools.Execute(name, arguments);
                int size = Encoding.UTF8.GetByteCount(output);
                Assert.InRange(size, ScriptedTools.MinOutputBytes, ScriptedTools.MaxOutputBytes);
                Assert.Equal(output, again.Execute(name, arguments));
                Assert.NotEqual(output, other.Execute(name, arguments));
                Assert.Contains("\"", output, StringComparison.Ordinal);
                Assert.Contains("\n", output, StringComparison.Ordinal);
                Assert.Contains(output, c => c > 127);
            }
        }

        Assert.Equal(ScriptedCodingAgent.TotalToolCalls, calls);
        Assert.StartsWith("error: unknown tool", tools.Execute("rm_rf", "{}"), StringComparison.Ordinal);
    }

    [Fact]
    public void ToolDefinitionsCoverEveryScriptedTool()
    {
        var names = ScriptedTools.CreateDefinitions().Cast<ProtocolCore.Models.FunctionTool>().Select(t => t.Name!).ToList();
        Assert.Equal(ScriptedTools.Names, names);
        IEnumerable<string> used = Enumerable.Range(0, ScriptedCodingAgent.TurnCount).SelectMany(ScriptedCodingAgent.CallsOfTurn).Select(c => c.Name).Distinct();
        Assert.All(used, n => Assert.Contains(n, names));
    }
}
