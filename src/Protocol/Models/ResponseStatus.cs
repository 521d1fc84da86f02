using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>response.status</c>.</summary>
[JsonStringEnum]
public enum ResponseStatus
{
    Completed,
    Failed,
    InProgress,
    Cancelled,
    Queued,
    Incomplete,
}
