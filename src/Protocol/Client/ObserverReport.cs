using System;

namespace ProtocolCore.Client;

/// <summary>
/// The calls into <see cref="ResponsesClientOptions.Observer"/>, each a single line at its site in the transports and
/// the session: they find the observer, strip what must not leave (an endpoint's query and user info), and swallow
/// what the observer throws, so an observer never changes a turn's outcome.
/// </summary>
internal static class ObserverReport
{
    public static void Connected(ResponsesClientOptions options, ResponsesConnection connection)
    {
        if (options.Observer is { } observer)
        {
            Guard(() => observer.OnConnected(PublicEndpoint(options.WebSocketUri), connection.Id));
        }
    }

    public static void ConnectFailed(ResponsesClientOptions options, Exception error, int attempt)
    {
        if (options.Observer is { } observer)
        {
            Guard(() => observer.OnConnectFailed(PublicEndpoint(options.WebSocketUri), attempt + 1, error, attempt < options.MaxReconnectAttempts));
        }
    }

    /// <summary>A connection is let go before its successor is opened: a rotation when it is still open, else a reconnect after its close.</summary>
    public static void Replacing(ResponsesClientOptions options, ResponsesConnection connection)
    {
        if (options.Observer is { } observer)
        {
            bool open = connection.IsOpen;
            Guard(() => observer.OnReconnecting(
                open ? ResponsesReconnectReason.MaxConnectionAge : ResponsesReconnectReason.ConnectionClosed,
                connection.Id,
                open ? null : connection.CloseStatus));
        }
    }

    public static void ConnectionLimitReached(ResponsesClientOptions options, ResponsesConnection? connection)
    {
        if (options.Observer is { } observer)
        {
            Guard(() => observer.OnReconnecting(ResponsesReconnectReason.ConnectionLimitReached, connection?.Id, null));
        }
    }

    public static void HttpFallback(ResponsesClientOptions options, Exception cause)
    {
        if (options.Observer is { } observer)
        {
            Guard(() => observer.OnHttpFallback(PublicEndpoint(options.WebSocketUri), cause));
        }
    }

    /// <summary>Reports the interruption; always false, so it serves as an exception filter that lets the exception pass on.</summary>
    public static bool TurnInterrupted(ResponsesClientOptions options, ResponseInterruptedException error)
    {
        if (options.Observer is { } observer)
        {
            Guard(() => observer.OnTurnInterrupted(error));
        }

        return false;
    }

    public static void PreviousResponseNotFound(ResponsesClientOptions options, string? previousResponseId)
    {
        if (options.Observer is { } observer)
        {
            Guard(() => observer.OnPreviousResponseNotFound(previousResponseId));
        }
    }

    /// <summary>Scheme, host, port and path: a query string (<c>?api-key=</c>) or user info may hold a credential.</summary>
    internal static Uri PublicEndpoint(Uri uri) =>
        new(uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped));

    private static void Guard(Action call)
    {
        try
        {
            call();
        }
        catch (Exception)
        {
            // An observer is the application's code: whatever it throws must not end the turn.
        }
    }
}
