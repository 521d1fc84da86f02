namespace ProtocolCore.Benchmarks.Json;

/// <summary>The four events the decode/encode benchmarks compare (issue: foundation, benchmarks).</summary>
public enum EventSample
{
    OutputTextDelta,
    FunctionCallArgumentsDelta,
    OutputItemDone,
    ResponseCompleted,
}
