namespace ProtocolCore.Benchmarks.WebSockets;

/// <summary>What a receive benchmark streams: delta-sized messages whole, or in 4 fragments.</summary>
public enum FrameKind
{
    DeltaFrames,
    FragmentedDeltas,
}
