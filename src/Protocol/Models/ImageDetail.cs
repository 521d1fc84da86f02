using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>detail</c> of an input image.</summary>
[JsonStringEnum]
public enum ImageDetail
{
    /// <summary><c>low</c>: a low-resolution view of the image (fewer tokens).</summary>
    Low,
    /// <summary><c>high</c>: a high-resolution view of the image.</summary>
    High,
    /// <summary><c>auto</c>: the model chooses.</summary>
    Auto,
    /// <summary><c>original</c>: the image at its original resolution.</summary>
    Original,
}
