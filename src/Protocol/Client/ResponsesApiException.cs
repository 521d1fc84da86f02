using System;

namespace ProtocolCore.Client;

/// <summary>
/// The server answered a request with an <c>error</c> (a WebSocket error event or an HTTP error status). When the
/// library builds it from the server's text, the configured API key and header credentials are redacted from the
/// message and every property, so <see cref="Exception.ToString"/> and logs never carry them.
/// </summary>
public sealed class ResponsesApiException : ProtocolCoreException
{
    /// <summary>Creates the exception from the fields of the server's error payload.</summary>
    /// <param name="code">The error's <c>code</c>, or null when the server sent none.</param>
    /// <param name="errorType">The error's <c>type</c>, e.g. <c>invalid_request_error</c>.</param>
    /// <param name="param">The request field the error is about, or null.</param>
    /// <param name="status">The HTTP-equivalent status, or null when the event carried none.</param>
    /// <param name="message">The server's message; already redacted when the library builds it.</param>
    public ResponsesApiException(string? code, string? errorType, string? param, int? status, string message)
        : base(message)
    {
        Code = code;
        ErrorType = errorType;
        Param = param;
        Status = status;
    }

    /// <summary>The error code, e.g. <c>previous_response_not_found</c> or <c>websocket_connection_limit_reached</c>.</summary>
    public string? Code { get; }

    /// <summary>The error type, e.g. <c>invalid_request_error</c>.</summary>
    public string? ErrorType { get; }

    /// <summary>The request field the error is about (e.g. <c>previous_response_id</c>), or null when the server named none.</summary>
    public string? Param { get; }

    /// <summary>The HTTP status the error carries, if any.</summary>
    public int? Status { get; }

    /// <summary>
    /// The server's request id and rate limits for this error: the error event's own <c>headers</c> map when it has
    /// one, otherwise what the transport last received (the WebSocket upgrade's, or the HTTP response's).
    /// </summary>
    public ResponsesServerHeaders? ServerHeaders { get; internal set; }
}
