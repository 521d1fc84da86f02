using System;
using System.Collections.Generic;

namespace ProtocolCore.WebSockets;

/// <summary>The status line and headers of an HTTP/1.1 response, as <see cref="WebSocketHandshake.TryParseResponse"/> reads them.</summary>
public sealed class WebSocketHandshakeResponse
{
    public WebSocketHandshakeResponse(int statusCode, string reasonPhrase, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(reasonPhrase);
        ArgumentNullException.ThrowIfNull(headers);
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
        Headers = headers;
    }

    public int StatusCode { get; }

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
