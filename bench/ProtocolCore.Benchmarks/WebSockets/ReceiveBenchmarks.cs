using System;
using System.Buffers;
using System.IO;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using ProtocolCore.Benchmarks.Json;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Benchmarks.WebSockets;

/// <summary>
/// Receiving 1,000 delta-sized messages (whole, or in 4 fragments) already in memory, per message: our pure frame reader + message assembler
/// over one <see cref="ReadOnlySequence{T}"/> vs ManagedWebSocket (<see cref="WebSocket.CreateFromStream(Stream, WebSocketCreationOptions)"/>
/// over a MemoryStream, the baseline) receiving into a buffer. Same bytes, no sockets.
/// </summary>
[MemoryDiagnoser]
public class ReceiveBenchmarks
{
    private const int DeltaMessages = 1000;

    private byte[] _wire = [];
    private byte[] _receiveBuffer = [];
    private int _messages;
    private WebSocketMessageAssembler _assembler = null!;

    [Params(FrameKind.DeltaFrames, FrameKind.FragmentedDeltas)]
    public FrameKind Kind { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        byte[] delta = EventSamples.Load(EventSample.OutputTextDelta);
        _messages = DeltaMessages;
        _wire = ServerFrames.Build(delta, _messages, Kind == FrameKind.FragmentedDeltas ? 4 : 1);
        _receiveBuffer = new byte[delta.Length + 1024];
        _assembler = new WebSocketMessageAssembler(new WebSocketMessageAssemblerOptions());
    }

    [GlobalCleanup]
    public void Cleanup() => _assembler.Dispose();

    [Benchmark(OperationsPerInvoke = DeltaMessages)]
    public long ProtocolCore()
    {
        var buffer = new ReadOnlySequence<byte>(_wire);
        long bytes = 0;
        while (!buffer.IsEmpty)
        {
            FrameParseStatus status = WebSocketFrameReader.TryReadFrame(buffer, WebSocketFrameReaderOptions.Client, out WebSocketFrame frame, out SequencePosition consumed, out _, out _);
            if (status != FrameParseStatus.Complete)
            {
                throw new InvalidOperationException("Bad benchmark input.");
            }

            if (_assembler.TryAdd(frame, out WebSocketMessage message, out _) == MessageAssemblyStatus.Message)
            {
                bytes += message.Payload.Length;
            }

            buffer = buffer.Slice(consumed);
        }

        return bytes;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = DeltaMessages)]
    public async Task<long> ManagedWebSocket()
    {
        using var socket = WebSocket.CreateFromStream(
            new ReplayStream(_wire),
            new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
        long bytes = 0;
        for (int i = 0; i < _messages; i++)
        {
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(_receiveBuffer.AsMemory(), CancellationToken.None).ConfigureAwait(false);
                bytes += result.Count;
            }
            while (!result.EndOfMessage);
        }

        return bytes;
    }
}
