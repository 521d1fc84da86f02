using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>prompt_cache_retention</c>.</summary>
[JsonStringEnum]
public enum PromptCacheRetention
{
    InMemory,

    [JsonStringValue("24h")]
    Hours24,
}
