using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>prompt_cache_retention</c>.</summary>
[JsonStringEnum]
public enum PromptCacheRetention
{
    /// <summary><c>in_memory</c></summary>
    InMemory,

    /// <summary><c>24h</c>: the prompt cache is kept for up to 24 hours.</summary>
    [JsonStringValue("24h")]
    Hours24,
}
