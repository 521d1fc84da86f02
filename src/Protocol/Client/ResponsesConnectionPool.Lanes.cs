using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Client;

/// <summary>
/// Lanes across a pool: sockets the pool keeps for leased <c>stream_id</c> lanes, apart from the ones it rents for a
/// turn at a time. Each holds one of <see cref="MaxConnections"/> until it closes or the pool is disposed.
/// </summary>
public sealed partial class ResponsesConnectionPool
{
    private readonly List<ResponsesConnection> _laneConnections = [];
    private readonly SemaphoreSlim _laneLock = new(1, 1);

    /// <summary>Sockets the pool keeps for leased lanes.</summary>
    public int LaneConnections
    {
        get
        {
            lock (_laneConnections)
            {
                return _laneConnections.Count;
            }
        }
    }

    /// <summary>
    /// Leases the lane <paramref name="streamId"/> on a lane socket of the pool that has room for it (it already used
    /// the name, or has fewer than <see cref="ResponsesClientOptions.MaxLanesPerConnection"/> distinct lanes), else on a
    /// new socket; the lease's <see cref="LaneLease.Connection"/> says which. Use it with
    /// <see cref="ResponsesSession(LaneLease, Requests.ResponseCreateRequest)"/>. Closed sockets are dropped; a socket over
    /// <see cref="ResponsesClientOptions.MaxConnectionAge"/> takes no new lanes.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="streamId"/> is malformed.</exception>
    /// <exception cref="ResponsesLaneLimitException">No lane socket has room and the pool has <see cref="MaxConnections"/> sockets out.</exception>
    /// <exception cref="WebSockets.WebSocketConnectionException">A new socket could not be opened.</exception>
    public async Task<LaneLease> LeaseLaneAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        ResponsesConnection.ValidateStreamId(streamId);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        // One lease at a time: two leases racing for the last lane of a socket must not both open a new one.
        await _laneLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            List<ResponsesConnection>? closed = null;
            lock (_laneConnections)
            {
                for (int i = _laneConnections.Count - 1; i >= 0; i--)
                {
                    if (!_laneConnections[i].IsOpen)
                    {
                        (closed ??= []).Add(_laneConnections[i]);
                        _laneConnections.RemoveAt(i);
                    }
                }
            }

            if (closed is not null)
            {
                foreach (ResponsesConnection connection in closed)
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                    _capacity.Release();
                }
            }

            ResponsesConnection[] open;
            lock (_laneConnections)
            {
                open = [.. _laneConnections];
            }

            foreach (ResponsesConnection connection in open)
            {
                if (connection.Age < _options.MaxConnectionAge && connection.Lanes.CanLease(streamId))
                {
                    return connection.Lanes.LeaseFor(streamId, this);
                }
            }

            if (!_capacity.Wait(0))
            {
                throw new ResponsesLaneLimitException(
                    streamId,
                    _options.MaxLanesPerConnection,
                    $"No socket of the pool has room for the lane '{streamId}' ({_options.MaxLanesPerConnection} distinct lanes each), and all {MaxConnections} sockets are out. Nothing was sent: release a lease, reuse a stream_id, or raise MaxConnections.");
            }

            ResponsesConnection added;
            try
            {
                added = await ResponsesConnection.ConnectAsync(_options, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _connects);
            }
            catch
            {
                _capacity.Release();
                throw;
            }

            lock (_laneConnections)
            {
                _laneConnections.Add(added);
            }

            // A new socket has every lane free, unless the limit is 0 (lanes are off): then this throws the typed error.
            return added.Lanes.LeaseFor(streamId, this);
        }
        finally
        {
            _laneLock.Release();
        }
    }

    /// <summary>Closes the lane sockets (on <see cref="DisposeAsync"/>).</summary>
    private async ValueTask CloseLaneConnectionsAsync()
    {
        ResponsesConnection[] lanes;
        lock (_laneConnections)
        {
            lanes = [.. _laneConnections];
            _laneConnections.Clear();
        }

        foreach (ResponsesConnection connection in lanes)
        {
            await connection.CloseAsync().ConfigureAwait(false);
        }
    }
}
