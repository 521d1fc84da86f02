using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>The error of a failed response (also the <c>error</c> of inject and steer failures).</summary>
[JsonModel]
public sealed partial class ResponseError
{
    public string? Code { get; set; }

    public string? Message { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
