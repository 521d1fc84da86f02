using System;
using ProtocolCore.Requests;

namespace ProtocolCore.Client;

/// <summary>Sessions on leased lanes, and forks: a new lane of the same socket continuing from this session's last response.</summary>
public sealed partial class ResponsesSession
{
    /// <summary>
    /// A WebSocket-mode session on a leased lane (<see cref="LaneManager.Lease"/>, <see cref="ResponsesConnectionPool.LeaseLaneAsync"/>).
    /// The session owns the lease and releases it when disposed; like a session on a shared connection it neither
    /// rotates, reconnects nor closes the connection. <see cref="Template"/> is a copy of <paramref name="template"/>
    /// with the lease's <c>stream_id</c>, which cannot change.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="template"/> names another <c>stream_id</c>.</exception>
    /// <exception cref="InvalidOperationException">The lease was released.</exception>
    public ResponsesSession(LaneLease lease, ResponseCreateRequest template)
        : this(lease?.Connection.Options!, LaneTemplate(lease!, template), (_, traffic) => new SharedLaneTransport(lease!.Connection, traffic, lease))
    {
    }

    /// <summary>
    /// Forks the conversation onto a new lane <paramref name="streamId"/> of this session's socket (parallel sub-agents
    /// from one context): the new session has this one's conversation and template, and its first turn chains from
    /// this session's last response, held in this lane's cache slot, sending only its own new items. The library keeps
    /// the protocol's race rule: this session's next turn waits until the fork's request was read by the server (its
    /// <c>response.in_progress</c>) or failed, so this lane's next response cannot evict the parent first. A fork that
    /// has not sent when this session's next turn starts sends the full context instead. Call it between turns; the
    /// fork owns its lease and releases it when disposed.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="streamId"/> is malformed.</exception>
    /// <exception cref="InvalidOperationException">The session is not on a lane of a shared connection, a turn is running, or the lane is leased already.</exception>
    /// <exception cref="ResponsesLaneLimitException">The socket used all its distinct lanes and <paramref name="streamId"/> is a new one.</exception>
    public ResponsesSession Fork(string streamId)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        ResponsesConnection.ValidateStreamId(streamId);
        if (_transport is not SharedLaneTransport source)
        {
            throw new InvalidOperationException("Only a session on a lane of a shared connection can fork: create it with new ResponsesSession(connection, template) or new ResponsesSession(lease, template).");
        }

        if (!_turnLock.Wait(0))
        {
            throw new InvalidOperationException("A session forks between turns, not while one is running.");
        }

        try
        {
            ResponsesConnection connection = source.Connection;
            LaneLease lease = connection.Lanes.LeaseFor(streamId, source.Lease?.Pool);
            try
            {
                // A gate only when the parent is in a slot of this socket: that is what the fork's first request reads.
                ForkGate? gate = _chain.Anchor is { Place: { } home } anchor && home.SocketId == connection.Id
                    ? connection.Lanes.AddFork(anchor.ResponseId, home.Lane)
                    : null;
                ResponseCreateRequest template = Template.ShallowCopy();
                template.StreamId = null;
                var fork = new ResponsesSession(connection.Options, LaneTemplate(lease, template), (_, traffic) => new SharedLaneTransport(connection, traffic, lease, gate));
                fork._chain.CopyFrom(_chain);
                return fork;
            }
            catch
            {
                lease.Dispose();
                throw;
            }
        }
        finally
        {
            _turnLock.Release();
        }
    }

    /// <summary>A copy of <paramref name="template"/> on the lease's lane.</summary>
    private static ResponseCreateRequest LaneTemplate(LaneLease lease, ResponseCreateRequest template)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(template);
        if (!lease.IsHeld)
        {
            throw new InvalidOperationException($"The lease of lane '{lease.StreamId}' was released.");
        }

        if (template.StreamId is { } named && named != lease.StreamId)
        {
            throw new ArgumentException($"The template names the lane '{named}', but the lease is for '{lease.StreamId}'.", nameof(template));
        }

        ResponseCreateRequest copy = template.ShallowCopy();
        copy.StreamId = lease.StreamId;
        return copy;
    }
}
