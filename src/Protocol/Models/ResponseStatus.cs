using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>response.status</c>.</summary>
[JsonStringEnum]
public enum ResponseStatus
{
    /// <summary><c>completed</c></summary>
    Completed,
    /// <summary><c>failed</c>: see <see cref="Response.Error"/>.</summary>
    Failed,
    /// <summary><c>in_progress</c></summary>
    InProgress,
    /// <summary><c>cancelled</c></summary>
    Cancelled,
    /// <summary><c>queued</c></summary>
    Queued,
    /// <summary><c>incomplete</c>: see <see cref="Response.IncompleteDetails"/>.</summary>
    Incomplete,
}
