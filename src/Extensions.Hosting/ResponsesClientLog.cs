using System;
using Microsoft.Extensions.Logging;

namespace ProtocolCore.Extensions.Hosting;

/// <summary>
/// The client's log messages (source-generated, no boxing or formatting unless enabled). The event ids are stable:
/// filter and alert on them.
/// </summary>
internal static partial class ResponsesClientLog
{
    [LoggerMessage(EventId = 1, EventName = "Connected", Level = LogLevel.Debug,
        Message = "Connected to {Endpoint} (connection {ConnectionId}).")]
    public static partial void Connected(ILogger logger, Uri endpoint, int connectionId);

    [LoggerMessage(EventId = 2, EventName = "ConnectFailed", Level = LogLevel.Warning,
        Message = "Connecting to {Endpoint} failed (attempt {Attempt}); will retry: {WillRetry}.")]
    public static partial void ConnectFailed(ILogger logger, Uri endpoint, int attempt, bool willRetry, Exception error);

    [LoggerMessage(EventId = 3, EventName = "ReconnectingAfterClose", Level = LogLevel.Information,
        Message = "Connection {ConnectionId} was closed (close code {CloseStatus}); reconnecting.")]
    public static partial void ReconnectingAfterClose(ILogger logger, int? connectionId, string closeStatus);

    [LoggerMessage(EventId = 4, EventName = "ConnectionRotated", Level = LogLevel.Information,
        Message = "Connection {ConnectionId} reached MaxConnectionAge; rotating to a new connection between turns.")]
    public static partial void ConnectionRotated(ILogger logger, int? connectionId);

    [LoggerMessage(EventId = 5, EventName = "ConnectionLimitReached", Level = LogLevel.Warning,
        Message = "The server answered websocket_connection_limit_reached on connection {ConnectionId} before the response started; reconnecting after a backoff.")]
    public static partial void ConnectionLimitReached(ILogger logger, int? connectionId);

    [LoggerMessage(EventId = 6, EventName = "HttpFallback", Level = LogLevel.Warning,
        Message = "WebSocket mode is out of reach at {Endpoint}; the session falls back to HTTP mode.")]
    public static partial void HttpFallback(ILogger logger, Uri endpoint, Exception cause);

    [LoggerMessage(EventId = 9, EventName = "RequestTooLargeForWebSocket", Level = LogLevel.Warning,
        Message = "A request of {MessageBytes} bytes is over the {Limit}-byte WebSocket message limit; this turn goes over HTTP mode at {Endpoint}, the socket was not written to.")]
    public static partial void RequestTooLargeForWebSocket(ILogger logger, long messageBytes, int limit, Uri endpoint);

    [LoggerMessage(EventId = 7, EventName = "TurnInterrupted", Level = LogLevel.Warning,
        Message = "A turn was interrupted after {EventsReceived} event(s) of response {ResponseId}; the request was not replayed.")]
    public static partial void TurnInterrupted(ILogger logger, int eventsReceived, string? responseId, Exception error);

    [LoggerMessage(EventId = 8, EventName = "PreviousResponseNotFound", Level = LogLevel.Information,
        Message = "The server no longer has previous response {PreviousResponseId}; resending the turn with the full context.")]
    public static partial void PreviousResponseNotFound(ILogger logger, string? previousResponseId);
}
