using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Emulator;
using ProtocolCore.Events;
using ProtocolCore.Models;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Client.Tests;

/// <summary>
/// Sessions on <see cref="WebSocketIoMode.EventLoop"/>: the same turns as on the thread pool (events, results, chain),
/// many sessions at once sharing the loops, and the code after each await running on a loop thread.
/// </summary>
public sealed class EventLoopSessionTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ManySessionsStreamTheSameTurnsAsOnTheThreadPool(bool views)
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        CancellationToken ct = ClientTestHost.Timeout();
        const int Sessions = 24;

        async Task<List<string>> RunAsync(WebSocketIoMode mode)
        {
            ResponsesClientOptions options = ClientTestHost.Options(server);
            options.WebSocket.IoMode = mode;
            var sessions = Enumerable.Range(0, Sessions).Select(_ => new ResponsesSession(options, ClientTestHost.Template())).ToArray();
            try
            {
                string[][] perSession = await Task.WhenAll(sessions.Select(async session =>
                {
                    var seen = new List<string>();
                    List<InputItem> items = ClientTestHost.FirstInput();
                    for (int turn = 0; turn < 3; turn++)
                    {
                        int deltas = 0;
                        IAsyncEnumerable<ResponsesEvent> events = views ? session.ReadTurnAsync(items, ct) : session.RunTurnAsync(items, ct);
                        await foreach (ResponsesEvent e in events)
                        {
                            deltas += e is OutputTextDeltaEvent or FunctionCallArgumentsDeltaEvent ? 1 : 0;
                        }

                        ResponsesTurnResult result = session.LastTurn!;
                        seen.Add($"{turn}: {deltas} deltas, {result.FunctionCalls.Count} calls, {result.Output.Count} items, {result.Usage?.OutputTokens} tokens");
                        items = result.FunctionCalls.Count > 0 ? ClientTestHost.Outputs(result.FunctionCalls) : [new Message { Role = MessageRole.User, Content = new MessageContent("go on") }];
                    }

                    return seen.ToArray();
                }));
                return perSession.Select(s => string.Join(" | ", s)).ToList();
            }
            finally
            {
                foreach (ResponsesSession session in sessions)
                {
                    await session.DisposeAsync();
                }
            }
        }

        List<string> onLoop = await RunAsync(WebSocketIoMode.EventLoop);
        List<string> onPool = await RunAsync(WebSocketIoMode.ThreadPool);

        Assert.Equal(onPool, onLoop);
        Assert.All(onLoop, s => Assert.Contains("calls", s));
    }
}
