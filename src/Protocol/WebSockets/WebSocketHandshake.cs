using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ProtocolCore.WebSockets;

/// <summary>
/// The RFC 6455 §4 opening handshake, pure: writes the HTTP/1.1 upgrade request into a buffer writer and reads the
/// response head from a <see cref="ReadOnlySequence{T}"/>, reporting consumed/examined positions like the frame
/// reader. It never performs I/O; <see cref="WebSocketConnection"/> drives it.
/// </summary>
internal static class WebSocketHandshake
{
    /// <summary>The GUID RFC 6455 §1.3 appends to the key before hashing.</summary>
    public const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>The default limit for the status line and headers together: 16 KiB.</summary>
    public const int DefaultMaxResponseHeaderBytes = 16 * 1024;

    private static ReadOnlySpan<byte> HeaderTerminator => "\r\n\r\n"u8;

    /// <summary>A fresh <c>Sec-WebSocket-Key</c>: 16 random bytes, base64 (RFC 6455 §4.1).</summary>
    public static string CreateKey()
    {
        Span<byte> nonce = stackalloc byte[16];
        RandomNumberGenerator.Fill(nonce);
        return Convert.ToBase64String(nonce);
    }

    /// <summary>The <c>Sec-WebSocket-Accept</c> a server must answer for <paramref name="key"/>: base64(SHA-1(key + GUID)).</summary>
    public static string ComputeAcceptKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> input = stackalloc byte[128];
        int length = Encoding.ASCII.GetBytes(key + AcceptGuid, input);
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(input[..length], hash);
        return Convert.ToBase64String(hash);
    }

    /// <summary>
    /// Writes the upgrade request: <c>GET</c> with <c>Host</c>, <c>Upgrade</c>, <c>Connection</c>,
    /// <c>Sec-WebSocket-Key</c>, <c>Sec-WebSocket-Version: 13</c>, <c>Authorization: Bearer</c> when a key is
    /// given, the extra headers, and the permessage-deflate offer when asked for.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The URI is not ws:// or wss://, or a header name or value would break the request (CR, LF, a colon in a name).
    /// The message names the header, never its value.
    /// </exception>
    public static void WriteRequest(
        IBufferWriter<byte> output,
        Uri uri,
        string key,
        string? apiKey,
        IEnumerable<KeyValuePair<string, string>>? extraHeaders,
        bool offerDeflate)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(key);
        if (!uri.IsAbsoluteUri || (uri.Scheme != "ws" && uri.Scheme != "wss"))
        {
            throw new ArgumentException("The URI must be absolute with the ws or wss scheme.", nameof(uri));
        }

        var request = new StringBuilder(256);
        request.Append("GET ").Append(uri.PathAndQuery).Append(" HTTP/1.1\r\n");
        AppendHeader(request, "Host", FormatHost(uri));
        AppendHeader(request, "Upgrade", "websocket");
        AppendHeader(request, "Connection", "Upgrade");
        AppendHeader(request, "Sec-WebSocket-Key", key);
        AppendHeader(request, "Sec-WebSocket-Version", "13");
        if (offerDeflate)
        {
            AppendHeader(request, "Sec-WebSocket-Extensions", WebSocketDeflateParameters.Offer);
        }

        if (!string.IsNullOrEmpty(apiKey))
        {
            AppendHeader(request, "Authorization", "Bearer " + apiKey);
        }

        if (extraHeaders is not null)
        {
            foreach (KeyValuePair<string, string> header in extraHeaders)
            {
                AppendHeader(request, header.Key, header.Value);
            }
        }

        request.Append("\r\n");
        string text = request.ToString();
        Span<byte> span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    /// <summary>The <c>Host</c> header value: the host (bracketed for IPv6) and the port unless it is the scheme's default.</summary>
    public static string FormatHost(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        string host = uri.IdnHost;
        if (uri.HostNameType == UriHostNameType.IPv6 && !host.StartsWith('['))
        {
            host = "[" + host + "]";
        }

        return uri.IsDefaultPort ? host : host + ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Tries to read an HTTP/1.1 response head (status line and headers, up to the empty line) from the start of
    /// <paramref name="buffer"/>. Only the first <paramref name="maxHeaderBytes"/> bytes are looked at (Kestrel's
    /// <c>TakeMessageHeaders</c>), so a peer cannot make us buffer more.
    /// </summary>
    /// <returns>True with the response and <paramref name="consumed"/> after the empty line; false when more bytes are needed.</returns>
    /// <exception cref="WebSocketHandshakeException">Malformed, or no end within <paramref name="maxHeaderBytes"/>.</exception>
    public static bool TryParseResponse(
        in ReadOnlySequence<byte> buffer,
        int maxHeaderBytes,
        out WebSocketHandshakeResponse? response,
        out SequencePosition consumed,
        out SequencePosition examined)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxHeaderBytes);
        response = null;
        consumed = buffer.Start;
        examined = buffer.End;

        ReadOnlySequence<byte> window = buffer.Length > maxHeaderBytes ? buffer.Slice(0, maxHeaderBytes) : buffer;
        var reader = new SequenceReader<byte>(window);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> head, HeaderTerminator, advancePastDelimiter: true))
        {
            if (buffer.Length >= maxHeaderBytes)
            {
                throw new WebSocketHandshakeException(
                    WebSocketHandshakeError.ResponseHeadersTooLarge,
                    $"The response status line and headers exceed {maxHeaderBytes} bytes.");
            }

            return false;
        }

        response = Parse(head);
        consumed = reader.Position;
        examined = reader.Position;
        return true;
    }

    /// <summary>
    /// Checks a 101 response against the request: <c>Upgrade: websocket</c>, <c>Connection: upgrade</c>, the accept
    /// key, no subprotocol, and permessage-deflate only as offered.
    /// </summary>
    /// <returns>The negotiated deflate parameters, or null when the server did not accept compression.</returns>
    /// <exception cref="WebSocketHandshakeException">The response does not complete a valid upgrade.</exception>
    public static WebSocketDeflateParameters? ValidateUpgrade(WebSocketHandshakeResponse response, string key, bool offeredDeflate)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(key);
        if (response.StatusCode != 101)
        {
            throw new ArgumentException("Only a 101 response is an upgrade.", nameof(response));
        }

        if (!response.HeaderContainsToken("Upgrade", "websocket") || !response.HeaderContainsToken("Connection", "upgrade"))
        {
            throw new WebSocketHandshakeException(
                WebSocketHandshakeError.MissingUpgradeHeaders,
                "The 101 response lacks 'Upgrade: websocket' or 'Connection: upgrade'.");
        }

        string? accept = response.GetHeader("Sec-WebSocket-Accept");
        if (accept is null || !string.Equals(accept.Trim(), ComputeAcceptKey(key), StringComparison.Ordinal))
        {
            throw new WebSocketHandshakeException(
                WebSocketHandshakeError.InvalidAcceptKey,
                "Sec-WebSocket-Accept is missing or does not match the key that was sent.");
        }

        if (response.GetHeader("Sec-WebSocket-Protocol") is not null)
        {
            throw new WebSocketHandshakeException(
                WebSocketHandshakeError.UnexpectedSubprotocol,
                "The server selected a subprotocol although none was offered.");
        }

        string? extensions = response.GetHeader("Sec-WebSocket-Extensions");
        if (string.IsNullOrWhiteSpace(extensions))
        {
            return null;
        }

        if (!offeredDeflate || !WebSocketDeflateParameters.TryParseResponse(extensions, out WebSocketDeflateParameters? deflate))
        {
            throw new WebSocketHandshakeException(
                WebSocketHandshakeError.InvalidExtension,
                "The server selected an extension or permessage-deflate parameters that were not offered.");
        }

        return deflate;
    }

    /// <summary>
    /// Builds the error for a refused upgrade (any status but 101): status, reason, selected headers and the start
    /// of the body. Every whole occurrence of <paramref name="secret"/> in them is replaced, should the server echo it.
    /// </summary>
    public static WebSocketHandshakeException CreateRefusal(WebSocketHandshakeResponse response, ReadOnlySpan<byte> body, string? secret) =>
        CreateRefusal(response, body, SecretRedactor.Create(secret));

    /// <summary>Builds the error for a refused upgrade with every secret <paramref name="redactor"/> knows replaced.</summary>
    internal static WebSocketHandshakeException CreateRefusal(WebSocketHandshakeResponse response, ReadOnlySpan<byte> body, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(response);
        var selected = new List<KeyValuePair<string, string>>();
        foreach (KeyValuePair<string, string> header in response.Headers)
        {
            if (IsDiagnosticHeader(header.Key))
            {
                selected.Add(new(header.Key, redactor.Redact(header.Value)));
            }
        }

        string reason = redactor.Redact(response.ReasonPhrase);
        string bodyText = redactor.Redact(Encoding.UTF8.GetString(body));
        string message = string.Create(
            CultureInfo.InvariantCulture,
            $"The server refused the WebSocket upgrade with HTTP {response.StatusCode} {reason}.");
        return new WebSocketHandshakeException(
            WebSocketHandshakeError.UnexpectedStatus,
            message,
            response.StatusCode,
            reason,
            selected,
            bodyText);
    }

    private static bool IsDiagnosticHeader(string name) =>
        name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Retry-After", StringComparison.OrdinalIgnoreCase)
        || name.Equals("WWW-Authenticate", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Upgrade", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Sec-WebSocket-Version", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Proxy-Authenticate", StringComparison.OrdinalIgnoreCase)
        || name.Equals("x-request-id", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("x-ratelimit-", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("openai-", StringComparison.OrdinalIgnoreCase);

    private static void AppendHeader(StringBuilder request, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (name.Length == 0 || name.AsSpan().IndexOfAny(":\r\n \t") >= 0 || !Ascii.IsValid(name))
        {
            throw new ArgumentException("A header name is empty or contains a colon, whitespace or a non-ASCII character.", nameof(name));
        }

        if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            // The value may be a credential: name the header only.
            throw new ArgumentException($"The value of header '{name}' contains CR, LF or NUL.", nameof(value));
        }

        request.Append(name).Append(": ").Append(value).Append("\r\n");
    }

    private static WebSocketHandshakeResponse Parse(in ReadOnlySequence<byte> head)
    {
        // The head is bounded by maxHeaderBytes, so flattening it is cheap and happens once per connection.
        string text = Encoding.Latin1.GetString(head.IsSingleSegment ? head.FirstSpan : head.ToArray());
        int lineEnd = text.IndexOf("\r\n", StringComparison.Ordinal);
        string statusLine = lineEnd < 0 ? text : text[..lineEnd];

        // "HTTP/1.1 101 Switching Protocols": version, a three-digit code, an optional reason.
        if (!statusLine.StartsWith("HTTP/1.", StringComparison.Ordinal) || statusLine.Length < 12 || statusLine[8] != ' '
            || !int.TryParse(statusLine.AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out int status)
            || (statusLine.Length > 12 && statusLine[12] != ' '))
        {
            throw Malformed("The response does not start with an HTTP/1.x status line.");
        }

        string reasonPhrase = statusLine.Length > 13 ? statusLine[13..] : string.Empty;
        var headers = new List<KeyValuePair<string, string>>();
        if (lineEnd >= 0)
        {
            foreach (string line in text[(lineEnd + 2)..].Split("\r\n"))
            {
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0 || line.AsSpan(0, colon).IndexOfAny(" \t\n") >= 0)
                {
                    throw Malformed("A response header line has no name or no colon.");
                }

                headers.Add(new(line[..colon], line[(colon + 1)..].Trim(' ', '\t')));
            }
        }

        return new WebSocketHandshakeResponse(status, reasonPhrase, headers);
    }

    private static WebSocketHandshakeException Malformed(string message) =>
        new(WebSocketHandshakeError.MalformedResponse, message);
}
