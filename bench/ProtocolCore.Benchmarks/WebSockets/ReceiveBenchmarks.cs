using System;
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
    private WebSocketConnectionCore _core = null!;

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
        _core = new WebSocketConnectionCore(WebSocketFrameReaderOptions.Client, new WebSocketMessageAssemblerOptions());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _assembler.Dispose();
        _core.Dispose();
    }

    [Benchmark(OperationsPerInvoke = DeltaMessages)]
    public long ProtocolCore() => ReceiveLoops.ProtocolCore(_wire, _assembler);

    /// <summary>The same through the sans-IO connection core (what the connection's receive loop runs per message).</summary>
    [Benchmark(OperationsPerInvoke = DeltaMessages)]
    public long ConnectionCore() => ReceiveLoops.ConnectionCore(_wire, _core);

    [Benchmark(Baseline = true, OperationsPerInvoke = DeltaMessages)]
    public Task<long> ManagedWebSocket() => ReceiveLoops.ManagedWebSocketAsync(_wire, _receiveBuffer, _messages);
}
