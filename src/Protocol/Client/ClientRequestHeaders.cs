using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace ProtocolCore.Client;

/// <summary>
/// The headers both transports add to every request besides the credential: the configured extra headers
/// (<see cref="ProtocolCore.WebSockets.WebSocketClientOptions.Headers"/>) and a <c>User-Agent</c>, unless the extra
/// headers carry one. The agent follows the Azure SDK's form:
/// <c>[&lt;application id&gt; ]ProtocolCore/&lt;version&gt; (&lt;.NET version&gt;; &lt;OS&gt;)</c>.
/// </summary>
internal static class ClientRequestHeaders
{
    public const string UserAgentName = "User-Agent";

    /// <summary>The Azure SDK's limit for an application id in the agent.</summary>
    public const int MaxApplicationIdLength = 24;

    private static readonly string s_product = BuildProduct();

    /// <summary>The <c>User-Agent</c> value: the library and platform, after the application id when there is one.</summary>
    public static string UserAgent(string? applicationId) => string.IsNullOrEmpty(applicationId) ? s_product : applicationId + " " + s_product;

    /// <summary>The extra headers in order, then the <c>User-Agent</c> unless one of them is it.</summary>
    public static List<KeyValuePair<string, string>> For(ResponsesClientOptions options)
    {
        var headers = new List<KeyValuePair<string, string>>(options.WebSocket.Headers.Count + 1);
        bool hasAgent = false;
        foreach (KeyValuePair<string, string> header in options.WebSocket.Headers)
        {
            hasAgent |= string.Equals(header.Key, UserAgentName, StringComparison.OrdinalIgnoreCase);
            headers.Add(header);
        }

        if (!hasAgent)
        {
            headers.Add(new(UserAgentName, UserAgent(options.ApplicationId)));
        }

        return headers;
    }

    /// <summary>Checks the application id and the extra headers; a message names a header, never its value (it may be a credential).</summary>
    /// <exception cref="ArgumentException">A header or the application id would break the request.</exception>
    public static void Validate(ResponsesClientOptions options)
    {
        if (options.ApplicationId is { } id && (id.Length is 0 or > MaxApplicationIdLength || !IsToken(id)))
        {
            throw new ArgumentException(
                $"ApplicationId must have 1 to {MaxApplicationIdLength} visible ASCII characters without spaces.", nameof(options.ApplicationId));
        }

        foreach (KeyValuePair<string, string> header in options.WebSocket.Headers)
        {
            if (string.IsNullOrEmpty(header.Key) || !IsToken(header.Key) || header.Key.Contains(':', StringComparison.Ordinal))
            {
                throw new ArgumentException("A header name is empty or contains a colon, whitespace or a non-ASCII character.", nameof(options.WebSocket));
            }

            if (header.Value is null || header.Value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            {
                throw new ArgumentException($"The value of header '{header.Key}' is null or contains CR, LF or NUL.", nameof(options.WebSocket));
            }
        }
    }

    private static bool IsToken(string text)
    {
        foreach (char c in text)
        {
            if (c is <= ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    private static string BuildProduct()
    {
        string version = typeof(ClientRequestHeaders).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

        // The source-control suffix ("+<commit>") says nothing a server can use.
        int plus = version.IndexOf('+', StringComparison.Ordinal);
        version = plus < 0 ? version : version[..plus];
        return $"ProtocolCore/{version} ({Printable(RuntimeInformation.FrameworkDescription)}; {Printable(RuntimeInformation.OSDescription)})";
    }

    /// <summary>Header values are ASCII: anything else (and a parenthesis, which would end the comment) becomes '_'.</summary>
    private static string Printable(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text.Trim())
        {
            builder.Append(c is < ' ' or > '~' or '(' or ')' ? '_' : c);
        }

        return builder.ToString();
    }
}
