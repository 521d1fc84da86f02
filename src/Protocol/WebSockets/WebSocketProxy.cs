using System;
using System.Buffers;
using System.Globalization;
using System.IO;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.WebSockets;

/// <summary>
/// HTTP proxies for the WebSocket transport: which proxy applies (explicit, or <c>HTTPS_PROXY</c>/<c>HTTP_PROXY</c>
/// with <c>NO_PROXY</c>, curl's rules) and the <c>CONNECT</c> tunnel through it (RFC 9110 §9.3.6).
/// </summary>
internal static class WebSocketProxy
{
    /// <summary>The proxy for <paramref name="target"/>, or null to connect directly.</summary>
    public static Uri? Resolve(Uri target, WebSocketClientOptions options, Func<string, string?> getEnvironment)
    {
        Uri? proxy = options.Proxy;
        string? noProxy = options.NoProxy;
        bool fromEnvironment = false;
        if (proxy is null && options.UseEnvironmentProxy)
        {
            fromEnvironment = true;
            string name = target.Scheme == "wss" ? "HTTPS_PROXY" : "HTTP_PROXY";
            string? value = getEnvironment(name.ToLowerInvariant()) ?? getEnvironment(name);
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            // A proxy given without a scheme is an HTTP proxy, as curl reads it.
            if (!Uri.TryCreate(value.Contains("://", StringComparison.Ordinal) ? value : "http://" + value, UriKind.Absolute, out proxy))
            {
                return null;
            }

            noProxy ??= getEnvironment("no_proxy") ?? getEnvironment("NO_PROXY");
        }

        if (proxy is null || IsBypassed(target.IdnHost, target.Port, noProxy, bypassLoopback: fromEnvironment))
        {
            return null;
        }

        return proxy;
    }

    /// <summary>
    /// True when <paramref name="host"/> must not use a proxy: loopback when the proxy came from the environment (a
    /// local server is never behind the machine's proxy; an explicit one is honoured), then each <c>NO_PROXY</c> entry: <c>*</c>, an exact host, a domain suffix (<c>.example.com</c> or
    /// <c>example.com</c> both match <c>api.example.com</c>), an IP address, each with an optional <c>:port</c>.
    /// </summary>
    public static bool IsBypassed(string host, int port, string? noProxy, bool bypassLoopback)
    {
        host = host.Trim('[', ']');
        if (bypassLoopback && string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (bypassLoopback && IPAddress.TryParse(host, out IPAddress? address) && IPAddress.IsLoopback(address)))
        {
            return true;
        }

        if (string.IsNullOrWhiteSpace(noProxy))
        {
            return false;
        }

        foreach (string raw in noProxy.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string entry = raw;
            if (entry == "*")
            {
                return true;
            }

            int colon = entry.LastIndexOf(':');
            if (colon > 0 && entry.IndexOf(':', StringComparison.Ordinal) == colon && entry[^1] != ']')
            {
                if (!int.TryParse(entry.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int entryPort) || entryPort != port)
                {
                    continue;
                }

                entry = entry[..colon];
            }

            entry = entry.Trim('[', ']').TrimStart('*').TrimStart('.');
            if (entry.Length == 0)
            {
                continue;
            }

            if (string.Equals(host, entry, StringComparison.OrdinalIgnoreCase)
                || host.EndsWith("." + entry, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Opens a <c>CONNECT host:port</c> tunnel on <paramref name="stream"/>, which then carries the target's bytes.</summary>
    /// <exception cref="WebSocketHandshakeException">The proxy refused (<see cref="WebSocketHandshakeError.ProxyRefused"/>) or answered badly.</exception>
    public static async Task ConnectTunnelAsync(Stream stream, Uri proxy, string authority, int maxHeaderBytes, CancellationToken cancellationToken)
    {
        var request = new StringBuilder();
        request.Append("CONNECT ").Append(authority).Append(" HTTP/1.1\r\nHost: ").Append(authority).Append("\r\n");
        if (!string.IsNullOrEmpty(proxy.UserInfo))
        {
            string credentials = Uri.UnescapeDataString(proxy.UserInfo);
            request.Append("Proxy-Authorization: Basic ").Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials))).Append("\r\n");
        }

        request.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.ToString()), cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);

        // Read only up to the end of the head: the bytes after it belong to the tunnel (TLS or the upgrade).
        byte[] head = ArrayPool<byte>.Shared.Rent(maxHeaderBytes);
        try
        {
            int length = 0;
            while (true)
            {
                if (length == maxHeaderBytes)
                {
                    throw new WebSocketHandshakeException(WebSocketHandshakeError.ResponseHeadersTooLarge, "The proxy's CONNECT response head is too large.");
                }

                int read = await stream.ReadAsync(head.AsMemory(length, 1), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new WebSocketHandshakeException(WebSocketHandshakeError.ConnectionClosed, "The proxy closed the connection during CONNECT.");
                }

                length++;
                if (length >= 4 && head.AsSpan(length - 4, 4).SequenceEqual("\r\n\r\n"u8))
                {
                    break;
                }
            }

            var sequence = new ReadOnlySequence<byte>(head, 0, length);
            WebSocketHandshake.TryParseResponse(sequence, maxHeaderBytes, out WebSocketHandshakeResponse? response, out _, out _);
            if (response!.StatusCode is < 200 or > 299)
            {
                throw new WebSocketHandshakeException(
                    WebSocketHandshakeError.ProxyRefused,
                    string.Create(CultureInfo.InvariantCulture, $"The proxy refused CONNECT with HTTP {response.StatusCode}."),
                    response.StatusCode,
                    response.ReasonPhrase,
                    [],
                    string.Empty);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(head);
        }
    }
}
