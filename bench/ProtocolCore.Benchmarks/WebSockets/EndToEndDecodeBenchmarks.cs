using System;
using System.Buffers;
using System.IO;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using ProtocolCore.Benchmarks.Anchors;
using ProtocolCore.Benchmarks.Json;
using ProtocolCore.Events;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Benchmarks.WebSockets;

/// <summary>
/// Bytes on the wire to a typed event, per event, for 1,000 recorded 190-byte <c>response.output_text.delta</c> frames
/// in memory: our frame reader + assembler + generated event reader vs ManagedWebSocket + System.Text.Json source-gen
/// (the baseline, as a typical .NET client would receive and parse).
/// </summary>
[MemoryDiagnoser]
public class EndToEndDecodeBenchmarks
{
    private const int Events = 1000;
    private byte[] _wire = [];
    private byte[] _receiveBuffer = [];
    private WebSocketMessageAssembler _assembler = null!;
    private ResponsesEventReader _reader = null!;

    [GlobalSetup]
    public void Setup()
    {
        byte[] delta = EventSamples.Load(EventSample.OutputTextDelta);
        _wire = ServerFrames.Build(delta, Events, fragments: 1);
        _receiveBuffer = new byte[delta.Length + 1024];
        _assembler = new WebSocketMessageAssembler(new WebSocketMessageAssemblerOptions());
        _reader = new ResponsesEventReader();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _assembler.Dispose();
        _reader.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public int ProtocolCore()
    {
        var buffer = new ReadOnlySequence<byte>(_wire);
        int sequence = 0;
        while (!buffer.IsEmpty)
        {
            WebSocketFrameReader.TryReadFrame(buffer, WebSocketFrameReaderOptions.Client, out WebSocketFrame frame, out SequencePosition consumed, out _, out _);
            if (_assembler.TryAdd(frame, out WebSocketMessage message, out _) == MessageAssemblyStatus.Message
                && _reader.Read(message.Payload) is OutputTextDeltaEvent e)
            {
                sequence += e.SequenceNumber ?? 0;
            }

            buffer = buffer.Slice(consumed);
        }

        return sequence;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public async Task<int> ManagedWebSocketAndSystemTextJson()
    {
        using var socket = WebSocket.CreateFromStream(
            new ReplayStream(_wire),
            new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
        int sequence = 0;
        for (int i = 0; i < Events; i++)
        {
            ValueWebSocketReceiveResult result = await socket.ReceiveAsync(_receiveBuffer.AsMemory(), CancellationToken.None).ConfigureAwait(false);
            StjOutputTextDelta e = JsonSerializer.Deserialize(_receiveBuffer.AsSpan(0, result.Count), StjEventsContext.Default.StjOutputTextDelta)!;
            sequence += e.SequenceNumber ?? 0;
        }

        return sequence;
    }
}
