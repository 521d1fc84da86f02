using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>incomplete_details.reason</c>.</summary>
[JsonStringEnum]
public enum IncompleteReason
{
    MaxOutputTokens,
    ContentFilter,
    Steered,
}
