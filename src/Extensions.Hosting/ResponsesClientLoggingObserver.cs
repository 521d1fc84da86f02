using System;
using System.Globalization;
using Microsoft.Extensions.Logging;
using ProtocolCore.Client;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Extensions.Hosting;

/// <summary>
/// Logs what the client does to keep conversations going, with stable event ids: 1 <c>Connected</c> (Debug),
/// 2 <c>ConnectFailed</c> (Warning), 3 <c>ReconnectingAfterClose</c> (Information, with the close code),
/// 4 <c>ConnectionRotated</c> (Information), 5 <c>ConnectionLimitReached</c> (Warning), 6 <c>HttpFallback</c> (Warning),
/// 7 <c>TurnInterrupted</c> (Warning), 8 <c>PreviousResponseNotFound</c> (Information). No entry carries a secret: the
/// observer is handed secret-free values (see <see cref="ResponsesClientObserver"/>).
/// </summary>
/// <remarks><c>AddResponsesClient</c> sets one up; set it as <see cref="ResponsesClientOptions.Observer"/> to log without the container.</remarks>
public sealed class ResponsesClientLoggingObserver : ResponsesClientObserver
{
    /// <summary>The logger category <c>AddResponsesClient</c> uses (for log level filters).</summary>
    public const string CategoryName = "ProtocolCore.Client";

    private readonly ILogger _logger;

    /// <param name="logger">Where the entries go (see <see cref="CategoryName"/>).</param>
    public ResponsesClientLoggingObserver(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
    }

    /// <inheritdoc/>
    public override void OnConnected(Uri endpoint, int connectionId) => ResponsesClientLog.Connected(_logger, endpoint, connectionId);

    /// <inheritdoc/>
    public override void OnConnectFailed(Uri endpoint, int attempt, Exception error, bool willRetry) =>
        ResponsesClientLog.ConnectFailed(_logger, endpoint, attempt, willRetry, error);

    /// <inheritdoc/>
    public override void OnReconnecting(ResponsesReconnectReason reason, int? connectionId, WebSocketCloseCode? closeStatus)
    {
        switch (reason)
        {
            case ResponsesReconnectReason.MaxConnectionAge:
                ResponsesClientLog.ConnectionRotated(_logger, connectionId);
                break;
            case ResponsesReconnectReason.ConnectionLimitReached:
                ResponsesClientLog.ConnectionLimitReached(_logger, connectionId);
                break;
            default:
                ResponsesClientLog.ReconnectingAfterClose(_logger, connectionId, Describe(closeStatus));
                break;
        }
    }

    /// <inheritdoc/>
    public override void OnHttpFallback(Uri endpoint, Exception cause)
    {
        // A request too large for the socket sends that one turn over HTTP: not WebSocket mode being out of reach.
        if (cause is ResponsesRequestTooLargeException tooLarge)
        {
            ResponsesClientLog.RequestTooLargeForWebSocket(_logger, tooLarge.MessageBytes, tooLarge.Limit, endpoint);
        }
        else
        {
            ResponsesClientLog.HttpFallback(_logger, endpoint, cause);
        }
    }

    /// <inheritdoc/>
    public override void OnTurnInterrupted(ResponseInterruptedException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        ResponsesClientLog.TurnInterrupted(_logger, error.EventsReceived, error.ResponseId, error);
    }

    /// <inheritdoc/>
    public override void OnPreviousResponseNotFound(string? previousResponseId) => ResponsesClientLog.PreviousResponseNotFound(_logger, previousResponseId);

    /// <summary>"1001 GoingAway", or "none" for a connection that ended without a close frame.</summary>
    private static string Describe(WebSocketCloseCode? status) => status is { } code
        ? ((int)code).ToString(CultureInfo.InvariantCulture) + " " + code
        : "none";
}
