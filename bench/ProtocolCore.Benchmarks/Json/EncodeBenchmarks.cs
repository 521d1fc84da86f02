using System;
using System.Buffers;
using System.ClientModel.Primitives;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using OpenAI;
using OpenAI.Responses;
using ProtocolCore.Benchmarks.Anchors;
using ProtocolCore.Events;

namespace ProtocolCore.Benchmarks.Json;

/// <summary>
/// Encoding one already-decoded event back to JSON: ProtocolCore's generated writer vs System.Text.Json source-gen
/// (baseline) vs the OpenAI SDK's ModelReaderWriter, each writing the model it decoded from the same bytes.
/// </summary>
[MemoryDiagnoser]
public class EncodeBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);
    private Utf8JsonWriter _writer = null!;
    private ResponsesEvent _ours = null!;
    private object _stj = null!;
    private StreamingResponseUpdate _sdk = null!;

    [Params(EventSample.OutputTextDelta, EventSample.FunctionCallArgumentsDelta, EventSample.OutputItemDone, EventSample.ResponseCompleted)]
    public EventSample Event { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        byte[] utf8 = EventSamples.Load(Event);
        _ours = ResponsesEventReader.Parse(utf8);
        _stj = Event switch
        {
            EventSample.OutputTextDelta => JsonSerializer.Deserialize(utf8, StjEventsContext.Default.StjOutputTextDelta)!,
            EventSample.FunctionCallArgumentsDelta => JsonSerializer.Deserialize(utf8, StjEventsContext.Default.StjFunctionCallArgumentsDelta)!,
            EventSample.OutputItemDone => JsonSerializer.Deserialize(utf8, StjEventsContext.Default.StjOutputItemDone)!,
            _ => JsonSerializer.Deserialize(utf8, StjEventsContext.Default.StjResponseCompleted)!,
        };
        _sdk = ModelReaderWriter.Read<StreamingResponseUpdate>(BinaryData.FromBytes(utf8), ModelReaderWriterOptions.Json, OpenAIContext.Default)!;
        _writer = new Utf8JsonWriter(_buffer, ResponsesEventJson.WriterOptions);
    }

    [Benchmark]
    public int ProtocolCore()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _ours.WriteJson(_writer);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark(Baseline = true)]
    public int SystemTextJsonSourceGen()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        switch (_stj)
        {
            case StjOutputTextDelta d:
                JsonSerializer.Serialize(_writer, d, StjEventsContext.Default.StjOutputTextDelta);
                break;
            case StjFunctionCallArgumentsDelta d:
                JsonSerializer.Serialize(_writer, d, StjEventsContext.Default.StjFunctionCallArgumentsDelta);
                break;
            case StjOutputItemDone d:
                JsonSerializer.Serialize(_writer, d, StjEventsContext.Default.StjOutputItemDone);
                break;
            default:
                JsonSerializer.Serialize(_writer, (StjResponseCompleted)_stj, StjEventsContext.Default.StjResponseCompleted);
                break;
        }

        _writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public int OpenAISdk() => ModelReaderWriter.Write(_sdk, ModelReaderWriterOptions.Json, OpenAIContext.Default).ToMemory().Length;
}
