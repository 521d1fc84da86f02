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
    /// <summary>Creates the exception for a handshake that failed before a response status was read.</summary>
    /// <param name="error">What went wrong.</param>
    /// <param name="message">Fixed text; never anything from the request.</param>
    public WebSocketHandshakeException(WebSocketHandshakeError error, string message)
        : this(error, message, statusCode: 0, reasonPhrase: string.Empty, headers: [], body: string.Empty)
    {
    }

    /// <summary>Creates the exception for a response that refused or botched the upgrade.</summary>
    /// <param name="error">What went wrong.</param>
    /// <param name="message">Fixed text with the status; never anything from the request.</param>
    /// <param name="statusCode">The response's HTTP status code, or 0 when none was read.</param>
    /// <param name="reasonPhrase">The status line's reason phrase (may be empty).</param>
    /// <param name="headers">The selected diagnostic headers (see <see cref="Headers"/>).</param>
    /// <param name="body">The start of the body, redacted and truncated to the configured limit.</param>
    /// <exception cref="ArgumentNullException"><paramref name="reasonPhrase"/>, <paramref name="headers"/> or <paramref name="body"/> is null.</exception>
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

    /// <summary>What went wrong: e.g. a refused status (<see cref="StatusCode"/> says which), a malformed or oversized response, a bad accept key, a refused proxy tunnel.</summary>
    public WebSocketHandshakeError Error { get; }

    /// <summary>The HTTP status code of the response, or 0 when none was read.</summary>
    public int StatusCode { get; }

    /// <summary>The reason phrase of the status line (e.g. <c>Unauthorized</c>); empty when none was read.</summary>
    public string ReasonPhrase { get; }

    /// <summary>
    /// Response headers useful to diagnose a refusal (<c>Content-Type</c>, <c>Retry-After</c>, request ids,
    /// rate-limit and <c>WWW-Authenticate</c> headers); others are left out.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The start of the response body, decoded as UTF-8, at most the configured number of bytes.</summary>
    public string Body { get; }
}
