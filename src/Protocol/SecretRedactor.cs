using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using ProtocolCore.Client;
using ProtocolCore.WebSockets;

namespace ProtocolCore;

/// <summary>
/// Removes the configured credentials from text a server sent before that text becomes part of an exception (message
/// or property), a <c>ToString</c>, a native error message or CLI output. A server that rejects a key may echo it back
/// ("Incorrect API key provided: sk-…"), in an error event, an HTTP error body, a handshake refusal or a close reason.
/// </summary>
/// <remarks>
/// <para>
/// The secrets are the API key and the credential of every configured request header that carries one
/// (<c>Authorization</c>, <c>Proxy-Authorization</c>, <c>*api-key</c>, or any value of the form <c>Bearer &lt;token&gt;</c>).
/// </para>
/// <para>
/// Only whole occurrences of a secret are replaced, matched case-sensitively, each by <see cref="Replacement"/>. A
/// secret shorter than <see cref="MinimumSecretLength"/> characters is not searched for: it would match ordinary
/// words (the key <c>k</c> would turn "Unknown path" into "Un[redacted]nown path"), and no real API key is that short.
/// A masked form a server shows instead of the key ("sk-proj-****abcd") is not the key and is left as it is.
/// </para>
/// </remarks>
internal sealed class SecretRedactor
{
    /// <summary>Secrets shorter than this are too likely to occur in ordinary text to be searched for.</summary>
    public const int MinimumSecretLength = 8;

    /// <summary>What each occurrence of a secret becomes.</summary>
    public const string Replacement = "[redacted]";

    /// <summary>Longest first, so a secret that contains another is replaced whole rather than in part.</summary>
    private readonly string[] _secrets;

    private SecretRedactor(string[] secrets) => _secrets = secrets;

    /// <summary>Redacts nothing (no credential configured).</summary>
    public static SecretRedactor None { get; } = new([]);

    /// <summary>The redactor for <paramref name="apiKey"/> and the credentials among <paramref name="headers"/>.</summary>
    public static SecretRedactor Create(string? apiKey, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        var secrets = new List<string>();
        Add(secrets, apiKey);
        if (headers is not null)
        {
            foreach (KeyValuePair<string, string> header in headers)
            {
                Add(secrets, CredentialOf(header.Key, header.Value));
            }
        }

        if (secrets.Count == 0)
        {
            return None;
        }

        secrets.Sort(static (a, b) => b.Length.CompareTo(a.Length));
        return new SecretRedactor([.. secrets]);
    }

    /// <summary>The redactor for a session's options: its API key and the WebSocket request headers.</summary>
    public static SecretRedactor For(ResponsesClientOptions options) => Create(options.ApiKey, options.WebSocket.Headers);

    /// <summary>The redactor for a WebSocket connection's options: its API key and request headers.</summary>
    public static SecretRedactor For(WebSocketClientOptions options) => Create(options.ApiKey, options.Headers);

    /// <summary>Returns <paramref name="text"/> with every whole occurrence of every secret replaced by <see cref="Replacement"/>.</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (string secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Replacement, StringComparison.Ordinal);
            }
        }

        return text;
    }

    private static void Add(List<string> secrets, string? secret)
    {
        if (secret is { Length: >= MinimumSecretLength } && !secrets.Contains(secret))
        {
            secrets.Add(secret);
        }
    }

    /// <summary>The secret part of a request header, or null when the header carries no credential.</summary>
    private static string? CredentialOf(string name, string value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        ReadOnlySpan<char> trimmed = value.AsSpan().Trim();
        bool credentialHeader = name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
            || name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase);
        if (credentialHeader || trimmed.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            // "<scheme> <token>": the token is the secret (the scheme is not); a bare value is a token itself.
            int space = trimmed.IndexOf(' ');
            return (space < 0 ? trimmed : trimmed[(space + 1)..].Trim()).ToString();
        }

        return name.EndsWith("api-key", StringComparison.OrdinalIgnoreCase) ? trimmed.ToString() : null;
    }
}
