using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>The <c>status</c> of an output or input item (the union of every item kind's values; others are kept as unknown strings).</summary>
[JsonStringEnum]
public enum ItemStatus
{
    InProgress,
    Completed,
    Incomplete,
    Searching,
    Interpreting,
    Generating,
    Calling,
    Failed,
}
