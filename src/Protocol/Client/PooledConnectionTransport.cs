using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Client;

/// <summary>
/// Connections rented from a <see cref="ResponsesConnectionPool"/> for one turn at a time: the pool hands out the socket
/// whose cache slot holds the conversation's last response when it has it, and takes it back at the end of the turn
/// with the response that slot now holds. Other conversations use the same sockets between this one's turns, so the
/// slot is only known to hold what the pool last recorded for it.
/// </summary>
internal sealed class PooledConnectionTransport(ResponsesConnectionPool pool, SessionTraffic traffic) : ISessionTransport
{
    /// <summary>What the rented socket's slot held when it was rented, as the pool recorded it.</summary>
    private string? _slotHolds;

    public ResponsesTransportMode Mode => ResponsesTransportMode.WebSocket;

    public async ValueTask<TurnWire?> AcquireAsync(string? lane, string? chainFrom, CancellationToken cancellationToken)
    {
        if (traffic.Connection is { } held)
        {
            // Still rented: a retry within the turn.
            if (held.IsOpen)
            {
                return Wire(held, lane);
            }

            ObserverReport.Replacing(pool.Options, held);
            await GiveBackAsync(discard: true, null).ConfigureAwait(false);
        }

        // A pooled connection that fails to open is retried like a session's own.
        if (await ReconnectPolicy.ConnectAsync(RentAsync, pool.Options, cancellationToken).ConfigureAwait(false) is not { } connection)
        {
            return null;
        }

        traffic.Attach(connection);
        return Wire(connection, lane);

        async Task<ResponsesConnection> RentAsync(CancellationToken ct)
        {
            (ResponsesConnection rented, _slotHolds) = await pool.RentAsync(chainFrom, ct).ConfigureAwait(false);
            return rented;
        }
    }

    public ValueTask ReplaceConnectionAsync() => GiveBackAsync(discard: true, null);

    /// <summary>Back to the pool with the response its slot now holds: the conversation's last, if it was produced on this socket.</summary>
    public ValueTask EndTurnAsync(ChainAnchor? anchor) => traffic.Connection is { } rented
        ? GiveBackAsync(discard: false, anchor is { Place.SocketId: var socket } last && socket == rented.Id ? last.ResponseId : null)
        : ValueTask.CompletedTask;

    /// <summary>A connection still rented (a turn was abandoned) goes back discarded: what it is in the middle of is unknown.</summary>
    public ValueTask DisposeAsync() => GiveBackAsync(discard: true, null);

    private TurnWire Wire(ResponsesConnection connection, string? lane) =>
        new(connection, ChainSite.SharedSlot(new ChainPlace(connection.Id, lane), _slotHolds));

    private async ValueTask GiveBackAsync(bool discard, string? slotHolds)
    {
        if (traffic.Connection is { } connection)
        {
            traffic.Detach();
            _slotHolds = null;
            await pool.ReturnAsync(connection, slotHolds, discard).ConfigureAwait(false);
        }
    }
}
