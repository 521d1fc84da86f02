using System;
using System.Buffers;
using System.IO;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Benchmarks.WebSockets;

/// <summary>
/// Receiving 16 messages of 64 KiB in single frames, per message (ours hands the payload out as a slice; the
/// baseline copies it into the caller's buffer, as its API requires): our pure frame reader + message assembler
/// over one <see cref="ReadOnlySequence{T}"/> vs ManagedWebSocket (<see cref="WebSocket.CreateFromStream(Stream, WebSocketCreationOptions)"/>
/// over a MemoryStream, the baseline) receiving into a buffer. Same bytes, no sockets.
/// </summary>
[MemoryDiagnoser]
public class LargeReceiveBenchmarks
{
    private const int LargeMessages = 16;

    private byte[] _wire = [];
    private byte[] _receiveBuffer = [];
    private int _messages;
    private WebSocketMessageAssembler _assembler = null!;

    [GlobalSetup]
    public void Setup()
    {
        byte[] payload = new byte[64 * 1024];
        for (int i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)('a' + (i % 26));
        }

        _messages = LargeMessages;
        _wire = ServerFrames.Build(payload, _messages, fragments: 1);
        _receiveBuffer = new byte[payload.Length + 1024];
        _assembler = new WebSocketMessageAssembler(new WebSocketMessageAssemblerOptions());
    }

    [GlobalCleanup]
    public void Cleanup() => _assembler.Dispose();

    [Benchmark(OperationsPerInvoke = LargeMessages)]
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

    [Benchmark(Baseline = true, OperationsPerInvoke = LargeMessages)]
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
