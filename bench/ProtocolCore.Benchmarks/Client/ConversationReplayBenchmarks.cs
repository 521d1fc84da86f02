using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using ProtocolCore.Events;
using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Benchmarks.Client;

/// <summary>
/// What a session does per turn to keep a turn's output items in its conversation, per operation: the output of the
/// recorded gpt-5 turn of <see cref="ClientTurnBenchmarks"/> (a reasoning item and two function calls) joins a
/// conversation. The baseline is the former conversion (write each output item, read the bytes back as an input item);
/// now every output item is an input item and joins as it is.
/// </summary>
[MemoryDiagnoser]
public class ConversationReplayBenchmarks
{
    private const string TurnFixture = "fantasy__TestOpenAIResponsesCommon-openai-gpt-5-multi_tool_streaming-i0-2025-10-17-v2.jsonl";

    private readonly List<InputItem> _conversation = new(8);
    private List<OutputItem> _output = null!;

    [GlobalSetup]
    public void Setup()
    {
        string terminal = File.ReadLines(Path.Combine(FixtureEvents.FindFixturesDirectory(), TurnFixture)).Last(line => line.Length > 0);
        _output = ((ResponseCompletedEvent)ResponsesEventReader.Parse(terminal)).Response!.Output!;
    }

    [Benchmark(Baseline = true, Description = "write + read back as InputItem (before)")]
    public int WriteAndReadBack()
    {
        _conversation.Clear();
        foreach (OutputItem item in _output)
        {
            _conversation.Add(ProtocolJson.Parse<InputItem>(ProtocolJson.ToUtf8Bytes(item)));
        }

        return _conversation.Count;
    }

    [Benchmark(Description = "the output item itself (after)")]
    public int Itself()
    {
        _conversation.Clear();
        foreach (OutputItem item in _output)
        {
            _conversation.Add(item);
        }

        return _conversation.Count;
    }
}
