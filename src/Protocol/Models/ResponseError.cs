using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>The error of a failed response (also the <c>error</c> of inject and steer failures).</summary>
[JsonModel]
public sealed partial class ResponseError
{
    /// <summary>
    /// The error code (for example <c>server_error</c>, <c>rate_limit_exceeded</c>, <c>invalid_prompt</c>,
    /// <c>invalid_image</c>).
    /// </summary>
    public string? Code { get; set; }

    /// <summary>A human-readable description of the error.</summary>
    public string? Message { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
