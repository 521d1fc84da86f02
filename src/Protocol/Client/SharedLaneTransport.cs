using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Client;

/// <summary>
/// A lane (<c>stream_id</c>) of a connection the caller owns and shares among sessions: the session neither rotates,
/// reconnects nor closes it, and once it is closed a turn throws <see cref="ResponsesConnectionClosedException"/>. The
/// lane's cache slot is the conversation's alone; the byte counts are the connection's during the session's use.
/// </summary>
internal sealed class SharedLaneTransport(ResponsesConnection connection, SessionTraffic traffic) : ISessionTransport
{
    public ResponsesTransportMode Mode => ResponsesTransportMode.WebSocket;

    public ValueTask<TurnWire?> AcquireAsync(string? lane, string? chainFrom, CancellationToken cancellationToken)
    {
        if (!connection.IsOpen)
        {
            throw new ResponsesConnectionClosedException(connection.CloseStatus, "The shared connection is closed; nothing was sent. Open a new connection for a new session.");
        }

        if (traffic.Connection is null)
        {
            traffic.Attach(connection);
            traffic.CountSharedAttach();
        }

        return ValueTask.FromResult<TurnWire?>(new TurnWire(connection, ChainSite.ExclusiveSlot(new ChainPlace(connection.Id, lane))));
    }

    /// <summary>The owner decides when a shared connection goes; this session stops counting it until its next attempt.</summary>
    public ValueTask ReplaceConnectionAsync()
    {
        traffic.Detach();
        return ValueTask.CompletedTask;
    }

    public ValueTask EndTurnAsync(ChainAnchor? anchor) => ValueTask.CompletedTask;

    /// <summary>Not ours to close.</summary>
    public ValueTask DisposeAsync()
    {
        traffic.Detach();
        return ValueTask.CompletedTask;
    }
}
