using System;
using System.Collections.Generic;

namespace ProtocolCore.WebSockets;

/// <summary>The status line and headers of an HTTP/1.1 response, as <see cref="WebSocketHandshake.TryParseResponse"/> reads them.</summary>
internal sealed class WebSocketHandshakeResponse
{
    /// <summary>Creates the parsed response.</summary>
    /// <param name="statusCode">The three-digit status code.</param>
    /// <param name="reasonPhrase">The reason phrase (may be empty).</param>
    /// <param name="headers">The headers in arrival order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="reasonPhrase"/> or <paramref name="headers"/> is null.</exception>
    public WebSocketHandshakeResponse(int statusCode, string reasonPhrase, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(reasonPhrase);
        ArgumentNullException.ThrowIfNull(headers);
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
        Headers = headers;
    }

    /// <summary>The status code; 101 accepts the upgrade.</summary>
    public int StatusCode { get; }

    /// <summary>The reason phrase of the status line (may be empty).</summary>
    public string ReasonPhrase { get; }

    /// <summary>Headers in arrival order; names as sent, values trimmed.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>
    /// The values of every header called <paramref name="name"/> (case-insensitive), joined with ", " as RFC 9110
    /// §5.3 allows; null when absent.
    /// </summary>
    public string? GetHeader(string name)
    {
        string? value = null;
        foreach (KeyValuePair<string, string> header in Headers)
        {
            if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = value is null ? header.Value : value + ", " + header.Value;
            }
        }

        return value;
    }

    /// <summary>True when the comma-separated header <paramref name="name"/> contains <paramref name="token"/> (case-insensitive).</summary>
    public bool HeaderContainsToken(string name, string token)
    {
        string? value = GetHeader(name);
        if (value is null)
        {
            return false;
        }

        foreach (Range part in value.AsSpan().Split(','))
        {
            if (value.AsSpan(part).Trim().Equals(token, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
