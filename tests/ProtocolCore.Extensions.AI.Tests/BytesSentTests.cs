using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using ProtocolCore.Client;
using ProtocolCore.Emulator;
using ProtocolCore.Models;
using ProtocolCore.Requests;
using Xunit.Abstractions;

namespace ProtocolCore.Extensions.AI.Tests;

/// <summary>The byte counter is process-wide, so these tests run alone.</summary>
[CollectionDefinition(nameof(BytesSentTests), DisableParallelization = true)]
public sealed class BytesSentCollection;

/// <summary>
/// What the adapter costs on the wire: the 24-call task through <see cref="FunctionInvokingChatClient"/> (the whole
/// history passed in every turn, diffed to the new items) against the library's own <see cref="ToolLoop"/>.
/// </summary>
[Collection(nameof(BytesSentTests))]
public sealed class BytesSentTests(ITestOutputHelper output)
{
    [Fact]
    public async Task FunctionInvocationSendsAboutWhatTheToolLoopSends()
    {
        await using EmulatorServer server = await ChatTestHost.StartAsync();
        await using ResponsesClient client = ChatTestHost.Client(server);

        long viaToolLoop = await CountBytesSentAsync(async () =>
        {
            ResponsesSession session = client.CreateSession(new ResponseCreateRequest { Model = "gpt-5.5", Instructions = ScriptedCodingAgent.Instructions, Store = false });
            var tools = new ScriptedTools();
            var loop = new ToolLoop(session);
            foreach (Tool tool in ScriptedTools.CreateDefinitions())
            {
                var function = (FunctionTool)tool;
                string name = function.Name!;
                loop.Register(name, function.Description, function.Parameters!.Value, (arguments, _) => ValueTask.FromResult(tools.Execute(name, arguments)));
            }

            ToolLoopResult result = await loop.RunAsync([InputItems.UserMessage(ScriptedCodingAgent.TaskPrompt)], ChatTestHost.Timeout());
            Assert.Equal(ScriptedCodingAgent.TotalToolCalls, result.ToolCalls);
        });

        long viaChatClient = await CountBytesSentAsync(async () =>
        {
            List<ScriptedFunction> functions = ScriptedFunction.All();
            using IChatClient chat = ChatTestHost.WithFunctionInvocation(client.AsIChatClient("gpt-5.5"));
            ChatResponse response = await chat.GetResponseAsync(ChatTestHost.Task(), ChatTestHost.Options(functions, store: false), ChatTestHost.Timeout());
            Assert.Equal(ScriptedCodingAgent.FinalMessage, response.Text);
        });

        output.WriteLine($"bytes sent for the 24-call task: ToolLoop {viaToolLoop:N0}, FunctionInvokingChatClient over the adapter {viaChatClient:N0} ({(double)viaChatClient / viaToolLoop:F2}x)");

        // The tool outputs differ a little (the scripted tools seed on the arguments' JSON, which M.E.AI re-serialises),
        // so the totals are close, not equal; a history sent whole even once more would add several times the task.
        Assert.Equal(2, server.Counters.WebSocketConnections);
        Assert.Equal(2 * (ScriptedCodingAgent.TurnCount - 1), server.Counters.ConnectionCacheHits);
        Assert.InRange(viaChatClient, viaToolLoop * 2 / 3, viaToolLoop * 3 / 2);
    }

    private static async Task<long> CountBytesSentAsync(System.Func<Task> run)
    {
        long total = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ResponsesClientDiagnostics.Name && instrument.Name == "protocolcore.client.bytes_sent")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref total, value));
        listener.Start();
        await run();
        return Interlocked.Read(ref total);
    }
}
