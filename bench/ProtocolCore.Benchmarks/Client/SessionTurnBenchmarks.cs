using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using ProtocolCore.Benchmarks.WebSockets;
using ProtocolCore.Client;
using ProtocolCore.Models;
using ProtocolCore.Requests;

namespace ProtocolCore.Benchmarks.Client;

/// <summary>
/// One agent turn through <see cref="ResponsesSession.CompleteTurnAsync"/> over loopback, per operation: one 4 KB
/// <c>function_call_output</c> in, chained with <c>previous_response_id</c>, and the recorded gpt-5 turn of
/// <see cref="ClientTurnBenchmarks"/> out (25 events in one write; a reasoning item and two function calls). On top of
/// that benchmark's <c>ResponsesConnection</c> row it costs the session's work: the fingerprint and chaining, the turn
/// result, and the turn's input and output items joining the conversation. Each invocation runs its 16 turns on a new
/// session over one caller-owned connection, so the conversation never grows past 16 turns.
/// </summary>
[MemoryDiagnoser]
public class SessionTurnBenchmarks
{
    private const string TurnFixture = "fantasy__TestOpenAIResponsesCommon-openai-gpt-5-multi_tool_streaming-i0-2025-10-17-v2.jsonl";
    private const int TurnsPerInvocation = 16;

    private CannedTurnServer _server = null!;
    private ResponsesConnection _connection = null!;
    private List<InputItem> _toolOutputs = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        byte[][] frames = File.ReadAllLines(Path.Combine(FixtureEvents.FindFixturesDirectory(), TurnFixture))
            .Where(line => line.Length > 0)
            .Select(line => ServerFrames.Build(Encoding.UTF8.GetBytes(line), 1, fragments: 1))
            .ToArray();
        _server = new CannedTurnServer(frames, handshake: true, writePerFrame: false);

        var output = new StringBuilder();
        while (output.Length < 4096)
        {
            output.Append("    assert_eq!(format_price(1234.5, \"fr-FR\"), \"1\u202F234,50\u00A0€\");\n");
        }

        _toolOutputs = [new FunctionCallOutput { CallId = "call_AbCdEfGhIjKlMnOpQrStUvWx", Output = output.ToString() }];
        _connection = await ResponsesConnection.ConnectAsync(new ResponsesClientOptions
        {
            BaseUrl = _server.BaseUrl,
            ApiKey = "sk-benchmark",
        }).ConfigureAwait(false);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        _server.Dispose();
    }

    [Benchmark(Description = "ResponsesSession.CompleteTurnAsync", OperationsPerInvoke = TurnsPerInvocation)]
    public async Task<int> CompleteTurn()
    {
        await using var session = new ResponsesSession(_connection, new ResponseCreateRequest { Model = "gpt-5.5", Store = false });
        for (int i = 0; i < TurnsPerInvocation; i++)
        {
            await session.CompleteTurnAsync(_toolOutputs).ConfigureAwait(false);
        }

        // 16 tool outputs and 48 output items: a turn whose items did not join the conversation would show here.
        return session.Conversation.Count;
    }
}
