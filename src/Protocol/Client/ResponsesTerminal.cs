using ProtocolCore.Events;
using ProtocolCore.Models;

namespace ProtocolCore.Client;

/// <summary>Which events end a response (spec §1.5): completed, done, incomplete, failed, or a top-level error.</summary>
internal static class ResponsesTerminal
{
    public static bool IsTerminal(ResponsesEvent e) =>
        e is ResponseCompletedEvent or ResponseDoneEvent or ResponseIncompleteEvent or ResponseFailedEvent or ErrorEvent;

    /// <summary>The error code of an <c>error</c> event, nested (WebSocket form) or flat (SSE form).</summary>
    public static string? ErrorCode(ErrorEvent e) => e.Error?.Code ?? (e.Code is { IsEmpty: false } code ? code.ToString() : null);

    /// <summary>
    /// The exception for an <c>error</c> event. Its text comes from the server, which may echo a rejected key, so every
    /// secret <paramref name="redactor"/> knows is removed from it; the event itself is the caller's data and is not changed.
    /// </summary>
    public static ResponsesApiException ToException(ErrorEvent e, SecretRedactor redactor, ResponsesServerHeaders? transportHeaders = null)
    {
        string? code = redactor.Redact(ErrorCode(e));
        string message = redactor.Redact(e.Error?.Message ?? (e.Message is { } m ? m.ToString() : null)) ?? "The server returned an error.";
        string? param = redactor.Redact(e.Error?.Param ?? (e.Param is { } p ? p.ToString() : null));
        return new ResponsesApiException(code, redactor.Redact(e.Error?.Type), param, e.Status, code is null ? message : $"{code}: {message}")
        {
            ServerHeaders = ResponsesServerHeaders.From(e.Error?.Headers ?? e.Headers, redactor) ?? transportHeaders,
        };
    }

    /// <summary>The server's error of a <c>response.failed</c>, from its response's <paramref name="error"/>.</summary>
    /// <remarks>Server text, so <paramref name="redactor"/>'s secrets are removed from it as in <see cref="ToException"/>.</remarks>
    public static ResponsesApiException FailedToException(ResponseError? error, SecretRedactor redactor)
    {
        string? code = redactor.Redact(error?.Code);
        string message = redactor.Redact(error?.Message) ?? "The response failed.";
        return new ResponsesApiException(code, null, null, null, code is null ? message : $"{code}: {message}");
    }
}
