using System;
using System.ClientModel.Primitives;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using OpenAI;
using OpenAI.Responses;
using ProtocolCore.Benchmarks.Anchors;
using ProtocolCore.Events;

namespace ProtocolCore.Benchmarks.Json;

/// <summary>
/// Decoding one recorded event: ProtocolCore's generated reader (view path, reused instances) vs System.Text.Json
/// source-gen POCOs (the baseline) vs the OpenAI .NET SDK's streaming parse, on the same bytes.
/// </summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private byte[] _utf8 = [];
    private BinaryData _binary = BinaryData.Empty;
    private ResponsesEventReader _reader = null!;

    [Params(EventSample.OutputTextDelta, EventSample.FunctionCallArgumentsDelta, EventSample.OutputItemDone, EventSample.ResponseCompleted)]
    public EventSample Event { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _utf8 = EventSamples.Load(Event);
        _binary = BinaryData.FromBytes(_utf8);
        _reader = new ResponsesEventReader();
    }

    [GlobalCleanup]
    public void Cleanup() => _reader.Dispose();

    [Benchmark]
    public ResponsesEvent ProtocolCore() => _reader.Read(_utf8);

    [Benchmark(Baseline = true)]
    public object SystemTextJsonSourceGen() => Event switch
    {
        EventSample.OutputTextDelta => JsonSerializer.Deserialize(_utf8, StjEventsContext.Default.StjOutputTextDelta)!,
        EventSample.FunctionCallArgumentsDelta => JsonSerializer.Deserialize(_utf8, StjEventsContext.Default.StjFunctionCallArgumentsDelta)!,
        EventSample.OutputItemDone => JsonSerializer.Deserialize(_utf8, StjEventsContext.Default.StjOutputItemDone)!,
        _ => JsonSerializer.Deserialize(_utf8, StjEventsContext.Default.StjResponseCompleted)!,
    };

    [Benchmark]
    public object OpenAISdk() =>
        ModelReaderWriter.Read<StreamingResponseUpdate>(_binary, ModelReaderWriterOptions.Json, OpenAIContext.Default)!;
}
