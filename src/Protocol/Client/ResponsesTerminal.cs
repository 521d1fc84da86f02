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

    public static ResponsesApiException ToException(ErrorEvent e)
    {
        string? code = ErrorCode(e);
        string message = e.Error?.Message ?? (e.Message is { } m ? m.ToString() : null) ?? "The server returned an error.";
        string? param = e.Error?.Param ?? (e.Param is { } p ? p.ToString() : null);
        return new ResponsesApiException(code, e.Error?.Type, param, e.Status, code is null ? message : $"{code}: {message}");
    }

    /// <summary>The server's error of a <c>response.failed</c>, from its <paramref name="response"/>'s <c>error</c>.</summary>
    public static ResponsesApiException FailedToException(Response? response)
    {
        string? code = response?.Error?.Code;
        string message = response?.Error?.Message ?? "The response failed.";
        return new ResponsesApiException(code, null, null, null, code is null ? message : $"{code}: {message}");
    }
}
