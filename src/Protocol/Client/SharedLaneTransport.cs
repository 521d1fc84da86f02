using System;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Client;

/// <summary>
/// A lane (<c>stream_id</c>) of a connection the caller owns and shares among sessions: the session neither rotates,
/// reconnects nor closes it, and once it is closed a turn throws <see cref="ResponsesConnectionClosedException"/>. The
/// lane's cache slot is the conversation's alone; the byte counts are the connection's during the session's use.
/// With a <see cref="LaneLease"/> the lane is the lease's (released with the session); with a <see cref="ForkGate"/>
/// the session is a fork whose first request chains from a response in another lane's slot (the race rule).
/// </summary>
internal sealed class SharedLaneTransport(ResponsesConnection connection, SessionTraffic traffic, LaneLease? lease = null, ForkGate? fork = null) : ISessionTransport
{
    public ResponsesTransportMode Mode => ResponsesTransportMode.WebSocket;

    /// <summary>The shared connection.</summary>
    public ResponsesConnection Connection => connection;

    /// <summary>The leased lane, if the session holds one.</summary>
    public LaneLease? Lease => lease;

    public async ValueTask<TurnWire?> AcquireAsync(string? lane, string? chainFrom, CancellationToken cancellationToken)
    {
        if (!connection.IsOpen)
        {
            throw new ResponsesConnectionClosedException(connection.CloseStatus, "The shared connection is closed; nothing was sent. Open a new connection for a new session.");
        }

        if (lease is not null && lane != lease.StreamId)
        {
            throw new InvalidOperationException($"This session holds the lane '{lease.StreamId}'; its Template.StreamId cannot change (it is '{lane ?? "null"}').");
        }

        if (traffic.Connection is null)
        {
            traffic.Attach(connection);
            traffic.CountSharedAttach();
        }

        // The race rule, enforced here rather than in the caller's head: a fork chained from this lane's last response
        // must have been read by the server before this lane's next response can replace or evict it.
        await connection.Lanes.AdvanceAsync(lane, cancellationToken).ConfigureAwait(false);

        var place = new ChainPlace(connection.Id, lane);
        if (fork is not null && chainFrom == fork.ParentId && fork.State is not ForkGateState.Retired)
        {
            return connection.Lanes.TryClaim(fork)
                ? new TurnWire(new ForkTransport(connection, connection.Lanes, fork), ChainSite.ExclusiveSlot(place))
                : new TurnWire(connection, ChainSite.SharedSlot(place, slotHolds: null));
        }

        return new TurnWire(connection, ChainSite.ExclusiveSlot(place));
    }

    /// <summary>The owner decides when a shared connection goes; this session stops counting it until its next attempt.</summary>
    public ValueTask ReplaceConnectionAsync()
    {
        traffic.Detach();
        return ValueTask.CompletedTask;
    }

    public ValueTask EndTurnAsync(ChainAnchor? anchor) => ValueTask.CompletedTask;

    /// <summary>Not ours to close; a leased lane is released, and a fork that never sent stops holding its parent's lane.</summary>
    public ValueTask DisposeAsync()
    {
        traffic.Detach();
        if (fork is not null)
        {
            connection.Lanes.Retire(fork);
        }

        lease?.Dispose();
        return ValueTask.CompletedTask;
    }
}
