using System;
using System.Collections.Generic;

namespace ProtocolCore.WebSockets;

/// <summary>
/// The opening handshake failed. For a refused upgrade it carries the status code, reason phrase, a few selected
/// response headers and the start of the body, so a caller can tell 401 from 426 (fall back to HTTP) from 429
/// (back off). Nothing from the request is ever included: the API key cannot appear in the message, the properties,
/// <see cref="Exception.Data"/> or <see cref="Exception.ToString"/>, and a server that echoes it has it redacted.
/// </summary>
public sealed class WebSocketHandshakeException : ProtocolCoreException
{
    public WebSocketHandshakeException(WebSocketHandshakeError error, string message)
        : this(error, message, statusCode: 0, reasonPhrase: string.Empty, headers: [], body: string.Empty)
    {
    }

    public WebSocketHandshakeException(
        WebSocketHandshakeError error,
        string message,
        int statusCode,
        string reasonPhrase,
        IReadOnlyList<KeyValuePair<string, string>> headers,
        string body)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(reasonPhrase);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(body);
        Error = error;
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
        Headers = headers;
        Body = body;
    }

    public WebSocketHandshakeError Error { get; }

    /// <summary>The HTTP status code of the response, or 0 when none was read.</summary>
    public int StatusCode { get; }

    public string ReasonPhrase { get; }

    /// <summary>
    /// Response headers useful to diagnose a refusal (<c>Content-Type</c>, <c>Retry-After</c>, request ids,
    /// rate-limit and <c>WWW-Authenticate</c> headers); others are left out.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The start of the response body, decoded as UTF-8, at most the configured number of bytes.</summary>
    public string Body { get; }
}
