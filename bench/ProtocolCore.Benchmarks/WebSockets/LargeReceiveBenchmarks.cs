using System;
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
    public long ProtocolCore() => ReceiveLoops.ProtocolCore(_wire, _assembler);

    [Benchmark(Baseline = true, OperationsPerInvoke = LargeMessages)]
    public Task<long> ManagedWebSocket() => ReceiveLoops.ManagedWebSocketAsync(_wire, _receiveBuffer, _messages);
}
