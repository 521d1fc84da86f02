using System;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Client;

/// <summary>
/// How a session reaches the server (the transport strategy): its own socket, a pool's, a lane of a shared one, or HTTP
/// mode. The session asks for a wire before each attempt of a turn and says when the turn is over; what a strategy
/// connects, rents, rotates or books is its own business (and the <see cref="SessionTraffic"/> it was given).
/// </summary>
internal interface ISessionTransport : IAsyncDisposable
{
    ResponsesTransportMode Mode { get; }

    /// <summary>
    /// Readies the wire for the next attempt: connects, rotates, rents or reconnects as this strategy does.
    /// <paramref name="lane"/> is the request's <c>stream_id</c>; <paramref name="chainFrom"/> the response the
    /// conversation would like to continue (a pool hands out the socket holding it).
    /// </summary>
    /// <returns>The wire, or null when WebSocket mode is out of reach and the session should use HTTP mode.</returns>
    ValueTask<TurnWire?> AcquireAsync(string? lane, string? chainFrom, CancellationToken cancellationToken);

    /// <summary>The server refused the connection (<c>websocket_connection_limit_reached</c>): let it go, so the next attempt gets another.</summary>
    ValueTask ReplaceConnectionAsync();

    /// <summary>The turn is over, however it ended; <paramref name="anchor"/> is the conversation's last response now.</summary>
    ValueTask EndTurnAsync(ChainAnchor? anchor);
}
