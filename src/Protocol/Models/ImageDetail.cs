using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>detail</c> of an input image.</summary>
[JsonStringEnum]
public enum ImageDetail
{
    Low,
    High,
    Auto,
    Original,
}
