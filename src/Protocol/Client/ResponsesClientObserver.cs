using System;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Client;

/// <summary>
/// Hears what the client does to keep a conversation going (connects, reconnects and their reasons, the fallback to
/// HTTP mode, interrupted turns, <c>previous_response_not_found</c> recovery), for logging or metrics without a
/// dependency in the core package: set it as <see cref="ResponsesClientOptions.Observer"/>. The
/// <c>ProtocolCore.Extensions.Hosting</c> package logs through one to <c>ILogger</c>.
/// </summary>
/// <remarks>
/// <para>
/// Every method does nothing unless overridden. They are called synchronously on the thread running the turn, so an
/// override must be quick and must not block. An exception an override throws is caught and ignored: an observer
/// never changes the outcome of a turn.
/// </para>
/// <para>
/// The values passed carry no secret: endpoints have no query string or user info, and the exceptions are the
/// library's own, whose texts have the API key and header credentials redacted.
/// </para>
/// </remarks>
public abstract class ResponsesClientObserver
{
    /// <summary>A WebSocket connection was opened by a session or a pool.</summary>
    /// <param name="endpoint">The WebSocket URL, without query string or user info.</param>
    /// <param name="connectionId">The connection's <see cref="ResponsesConnection.Id"/>.</param>
    public virtual void OnConnected(Uri endpoint, int connectionId)
    {
    }

    /// <summary>An attempt to open a WebSocket connection failed.</summary>
    /// <param name="endpoint">The WebSocket URL, without query string or user info.</param>
    /// <param name="attempt">1 for the first attempt; up to <see cref="ResponsesClientOptions.MaxReconnectAttempts"/> + 1.</param>
    /// <param name="error">Why it failed.</param>
    /// <param name="willRetry">
    /// Whether another attempt follows (after a backoff); when not, the turn falls back to HTTP mode (see
    /// <see cref="OnHttpFallback"/>) or fails with this error.
    /// </param>
    public virtual void OnConnectFailed(Uri endpoint, int attempt, Exception error, bool willRetry)
    {
    }

    /// <summary>A WebSocket connection is being replaced; the next attempt or turn uses a new one.</summary>
    /// <param name="reason">Why.</param>
    /// <param name="connectionId">The replaced connection's <see cref="ResponsesConnection.Id"/>, when there was one.</param>
    /// <param name="closeStatus">Its close code, when it was closed with one.</param>
    public virtual void OnReconnecting(ResponsesReconnectReason reason, int? connectionId, WebSocketCloseCode? closeStatus)
    {
    }

    /// <summary>
    /// WebSocket mode is out of reach (the upgrade was refused with 426, or every attempt failed) and
    /// <see cref="ResponsesClientOptions.AllowHttpFallback"/> is on: the session uses HTTP mode from now on. Also called
    /// when a request is over <see cref="ResponsesClientOptions.MaxRequestMessageBytes"/> and cannot chain through the
    /// store: then <paramref name="cause"/> is a <see cref="ResponsesRequestTooLargeException"/> and only that turn goes
    /// over HTTP mode (the socket was not written to and stays in use).
    /// </summary>
    /// <param name="endpoint">The WebSocket URL that could not be used, without query string or user info.</param>
    /// <param name="cause">The refusal, the last connect failure, or the <see cref="ResponsesRequestTooLargeException"/>.</param>
    public virtual void OnHttpFallback(Uri endpoint, Exception cause)
    {
    }

    /// <summary>
    /// The connection dropped after a request was sent: the turn throws <paramref name="error"/> and the request is not
    /// replayed. Called before the exception reaches the caller.
    /// </summary>
    public virtual void OnTurnInterrupted(ResponseInterruptedException error)
    {
    }

    /// <summary>
    /// The server no longer has the response a request chained from (<c>previous_response_not_found</c>): the session
    /// sends the request again with the full context.
    /// </summary>
    /// <param name="previousResponseId">The response id the request chained from.</param>
    public virtual void OnPreviousResponseNotFound(string? previousResponseId)
    {
    }
}
