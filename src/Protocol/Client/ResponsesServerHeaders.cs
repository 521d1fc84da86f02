using System;
using System.Collections.Generic;
using System.Globalization;

namespace ProtocolCore.Client;

/// <summary>
/// The operational headers a server sent: its request id and rate-limit state. WebSocket mode has them from the
/// upgrade response (the connection's request id and the limits when it opened) and from an <c>error</c> event's
/// <c>headers</c> map (the failing request's own); HTTP mode from each response.
/// </summary>
/// <remarks>
/// Only the headers named here are kept (an allow-list: nothing that could carry a credential), and each value has
/// the configured API key and header credentials redacted, as every other server text the library surfaces.
/// </remarks>
public sealed class ResponsesServerHeaders
{
    private const string RateLimitPrefix = "x-ratelimit-";

    private ResponsesServerHeaders(Dictionary<string, string> values) => Values = values;

    /// <summary>The server's request id (<c>x-request-id</c>): what OpenAI support asks for.</summary>
    public string? RequestId => Get("x-request-id");

    /// <summary>Requests allowed in the current window (<c>x-ratelimit-limit-requests</c>).</summary>
    public long? LimitRequests => GetInt64("x-ratelimit-limit-requests");

    /// <summary>Requests left in the current window (<c>x-ratelimit-remaining-requests</c>).</summary>
    public long? RemainingRequests => GetInt64("x-ratelimit-remaining-requests");

    /// <summary>Until the request limit resets (<c>x-ratelimit-reset-requests</c>, e.g. <c>1s</c>, <c>6m0s</c>).</summary>
    public TimeSpan? ResetRequests => GetDuration("x-ratelimit-reset-requests");

    /// <summary>Tokens allowed in the current window (<c>x-ratelimit-limit-tokens</c>).</summary>
    public long? LimitTokens => GetInt64("x-ratelimit-limit-tokens");

    /// <summary>Tokens left in the current window (<c>x-ratelimit-remaining-tokens</c>).</summary>
    public long? RemainingTokens => GetInt64("x-ratelimit-remaining-tokens");

    /// <summary>Until the token limit resets (<c>x-ratelimit-reset-tokens</c>).</summary>
    public TimeSpan? ResetTokens => GetDuration("x-ratelimit-reset-tokens");

    /// <summary>How long to wait before retrying (<c>retry-after-ms</c>, else <c>retry-after</c> in seconds).</summary>
    public TimeSpan? RetryAfter =>
        GetDouble("retry-after-ms") is { } ms ? TimeSpan.FromMilliseconds(ms)
        : GetDouble("retry-after") is { } seconds ? TimeSpan.FromSeconds(seconds)
        : null;

    /// <summary>The server's processing time for the request (<c>openai-processing-ms</c>).</summary>
    public TimeSpan? ProcessingTime => GetDouble("openai-processing-ms") is { } ms ? TimeSpan.FromMilliseconds(ms) : null;

    /// <summary>Every kept header by lower-case name, values as sent (credentials redacted).</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>
    /// The kept headers among <paramref name="headers"/>, or null when none is kept. Repeated names are joined with
    /// ", " (RFC 9110 §5.3).
    /// </summary>
    internal static ResponsesServerHeaders? From(IEnumerable<KeyValuePair<string, string>>? headers, SecretRedactor redactor)
    {
        if (headers is null)
        {
            return null;
        }

        Dictionary<string, string>? values = null;
        foreach (KeyValuePair<string, string> header in headers)
        {
            if (!IsKept(header.Key) || header.Value is null)
            {
                continue;
            }

            string name = header.Key.ToLowerInvariant();
            string value = redactor.Redact(header.Value.Trim())!;
            values ??= new Dictionary<string, string>(StringComparer.Ordinal);
            values[name] = values.TryGetValue(name, out string? earlier) ? earlier + ", " + value : value;
        }

        return values is null ? null : new ResponsesServerHeaders(values);
    }

    /// <summary>True for the operational headers kept: the request id, the rate limits, retry hints and processing time.</summary>
    internal static bool IsKept(string name) =>
        name.StartsWith(RateLimitPrefix, StringComparison.OrdinalIgnoreCase)
        || name.Equals("x-request-id", StringComparison.OrdinalIgnoreCase)
        || name.Equals("retry-after", StringComparison.OrdinalIgnoreCase)
        || name.Equals("retry-after-ms", StringComparison.OrdinalIgnoreCase)
        || name.Equals("openai-processing-ms", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads a rate-limit reset as the API writes it: a Go-style duration (<c>20ms</c>, <c>1s</c>, <c>6m0s</c>,
    /// <c>1h2m3.5s</c>), or plain seconds. Null when it is neither.
    /// </summary>
    internal static TimeSpan? ParseDuration(string text)
    {
        ReadOnlySpan<char> rest = text.AsSpan().Trim();
        if (rest.IsEmpty)
        {
            return null;
        }

        if (double.TryParse(rest, NumberStyles.Float, CultureInfo.InvariantCulture, out double plainSeconds))
        {
            return plainSeconds >= 0 ? TimeSpan.FromSeconds(plainSeconds) : null;
        }

        double total = 0;
        while (!rest.IsEmpty)
        {
            int digits = 0;
            while (digits < rest.Length && (char.IsAsciiDigit(rest[digits]) || rest[digits] == '.'))
            {
                digits++;
            }

            if (digits == 0 || !double.TryParse(rest[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double amount))
            {
                return null;
            }

            rest = rest[digits..];
            int unitLength = 0;
            while (unitLength < rest.Length && char.IsAsciiLetter(rest[unitLength]))
            {
                unitLength++;
            }

            double unitSeconds = rest[..unitLength] switch
            {
                "h" => 3600,
                "m" => 60,
                "s" => 1,
                "ms" => 0.001,
                "us" or "µs" => 0.000001,
                "ns" => 0.000000001,
                _ => -1,
            };
            if (unitSeconds < 0)
            {
                return null;
            }

            total += amount * unitSeconds;
            rest = rest[unitLength..];
        }

        return TimeSpan.FromSeconds(total);
    }

    /// <summary>The request id and the requests and tokens left; never a credential.</summary>
    public override string ToString() =>
        $"ResponsesServerHeaders {{ RequestId = {RequestId}, RemainingRequests = {RemainingRequests}, RemainingTokens = {RemainingTokens} }}";

    private string? Get(string name) => Values.TryGetValue(name, out string? value) ? value : null;

    private long? GetInt64(string name) =>
        Get(name) is { } text && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value : null;

    private double? GetDouble(string name) =>
        Get(name) is { } text && double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value) ? value : null;

    private TimeSpan? GetDuration(string name) => Get(name) is { } text ? ParseDuration(text) : null;
}
