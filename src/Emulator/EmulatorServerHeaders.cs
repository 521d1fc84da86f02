using System.Globalization;
using System.Threading;
using Microsoft.AspNetCore.Http;

namespace ProtocolCore.Emulator;

/// <summary>
/// The operational headers OpenAI sends and clients surface: a request id on every response (and in the
/// <c>headers</c> map of WebSocket error events), and the rate-limit state on every HTTP response, the upgrade's too.
/// The emulator has no limits; the values are fixed except the request id, which is unique per process.
/// </summary>
internal static class EmulatorServerHeaders
{
    public const string RequestIdHeader = "x-request-id";

    public const long LimitRequests = 10_000;

    public const long LimitTokens = 30_000_000;

    private static long s_nextRequestId;

    /// <summary>A fresh request id, <c>req_emu_</c> and a process-wide sequence number.</summary>
    public static string NextRequestId() =>
        "req_emu_" + Interlocked.Increment(ref s_nextRequestId).ToString(CultureInfo.InvariantCulture);

    /// <summary>Adds the request id and rate-limit headers to <paramref name="response"/> (before it starts).</summary>
    public static void Apply(HttpResponse response)
    {
        IHeaderDictionary headers = response.Headers;
        headers[RequestIdHeader] = NextRequestId();
        headers["x-ratelimit-limit-requests"] = LimitRequests.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-remaining-requests"] = (LimitRequests - 1).ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-reset-requests"] = "6ms";
        headers["x-ratelimit-limit-tokens"] = LimitTokens.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-remaining-tokens"] = LimitTokens.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-reset-tokens"] = "0s";
    }
}
