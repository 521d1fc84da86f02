using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>incomplete_details.reason</c>.</summary>
[JsonStringEnum]
public enum IncompleteReason
{
    /// <summary><c>max_output_tokens</c>: the response reached its output token limit.</summary>
    MaxOutputTokens,
    /// <summary><c>content_filter</c>: the content filter stopped the response.</summary>
    ContentFilter,
    /// <summary><c>steered</c>: a steer ended the response (documented after the spec snapshot).</summary>
    Steered,
}
