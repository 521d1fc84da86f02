using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>The nested <c>error</c> object of a WebSocket <c>error</c> event.</summary>
[JsonModel]
public sealed partial class ErrorPayload
{
    public string? Type { get; set; }

    public string? Code { get; set; }

    public string? Message { get; set; }

    public string? Param { get; set; }

    /// <summary>Rate-limit and similar headers the server attaches to the error.</summary>
    public Dictionary<string, string>? Headers { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
