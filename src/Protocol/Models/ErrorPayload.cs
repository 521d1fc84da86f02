using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>The nested <c>error</c> object of a WebSocket <c>error</c> event.</summary>
[JsonModel]
public sealed partial class ErrorPayload
{
    /// <summary>The error category (for example <c>invalid_request_error</c>).</summary>
    public string? Type { get; set; }

    /// <summary>
    /// The error code (for example <c>previous_response_not_found</c>, <c>websocket_connection_limit_reached</c>), or
    /// null.
    /// </summary>
    public string? Code { get; set; }

    /// <summary>A human-readable description of the error.</summary>
    public string? Message { get; set; }

    /// <summary>The request parameter the error is about, or null.</summary>
    public string? Param { get; set; }

    /// <summary>Rate-limit and similar headers the server attaches to the error.</summary>
    public Dictionary<string, string>? Headers { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
