using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Client;

/// <summary>
/// The named <c>stream_id</c> lanes of one connection (spec §1.6, G-LATE): which names the socket has used (the server
/// allows <see cref="MaxLanes"/> distinct ones, 32 upstream, and never forgets one; the default lane is not counted),
/// which are leased, and the forks waiting on a lane (<see cref="ForkGate"/>). Every request a connection sends with a
/// <c>stream_id</c> is admitted here first, so the 33rd distinct name fails with
/// <see cref="ResponsesLaneLimitException"/> before anything is sent instead of with the server's
/// <c>websocket_stream_limit_reached</c>.
/// </summary>
public sealed class LaneManager
{
    private readonly Lock _lock = new();
    private readonly ResponsesConnection _connection;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly HashSet<string> _leased = new(StringComparer.Ordinal);
    private readonly List<ForkGate> _forks = [];

    internal LaneManager(ResponsesConnection connection, int maxLanes)
    {
        _connection = connection;
        MaxLanes = maxLanes;
    }

    /// <summary>Distinct named lanes the socket may use (<see cref="ResponsesClientOptions.MaxLanesPerConnection"/>).</summary>
    public int MaxLanes { get; }

    /// <summary>Distinct named lanes used (leased or sent on) so far.</summary>
    public int DistinctLanes
    {
        get
        {
            lock (_lock)
            {
                return _used.Count;
            }
        }
    }

    /// <summary>Lanes leased now.</summary>
    public int LeasedLanes
    {
        get
        {
            lock (_lock)
            {
                return _leased.Count;
            }
        }
    }

    /// <summary>Whether <paramref name="streamId"/> could be leased now: not leased, and already used or within the limit.</summary>
    public bool CanLease(string streamId)
    {
        lock (_lock)
        {
            return !_leased.Contains(streamId) && (_used.Contains(streamId) || _used.Count < MaxLanes);
        }
    }

    /// <summary>Leases <paramref name="streamId"/> for the caller's exclusive use.</summary>
    /// <exception cref="ArgumentException">The id is malformed (see <see cref="ResponsesConnection.ValidateStreamId"/>) or null.</exception>
    /// <exception cref="InvalidOperationException">The lane is leased already.</exception>
    /// <exception cref="ResponsesLaneLimitException">The socket used all its distinct lanes and this is a new one.</exception>
    public LaneLease Lease(string streamId) => LeaseFor(streamId, null);

    /// <summary>Leases <paramref name="streamId"/> if it is free and fits; false otherwise (nothing changes).</summary>
    /// <exception cref="ArgumentException">The id is malformed or null.</exception>
    public bool TryLease(string streamId, [NotNullWhen(true)] out LaneLease? lease)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        ResponsesConnection.ValidateStreamId(streamId);
        lock (_lock)
        {
            if (_leased.Contains(streamId) || (!_used.Contains(streamId) && _used.Count >= MaxLanes))
            {
                lease = null;
                return false;
            }

            _used.Add(streamId);
            _leased.Add(streamId);
        }

        lease = new LaneLease(this, _connection, streamId, null);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => $"LaneManager {{ Connection = {_connection.Id}, MaxLanes = {MaxLanes}, DistinctLanes = {DistinctLanes}, LeasedLanes = {LeasedLanes} }}";

    internal LaneLease LeaseFor(string streamId, ResponsesConnectionPool? pool)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        ResponsesConnection.ValidateStreamId(streamId);
        lock (_lock)
        {
            if (_leased.Contains(streamId))
            {
                throw new InvalidOperationException($"The lane '{streamId}' of connection {_connection.Id} is leased already; a lane has one holder, so its cache slot holds that holder's last response.");
            }

            if (!_used.Contains(streamId) && _used.Count >= MaxLanes)
            {
                throw ResponsesLaneLimitException.ForConnection(streamId, MaxLanes, _connection.Id);
            }

            _used.Add(streamId);
            _leased.Add(streamId);
        }

        return new LaneLease(this, _connection, streamId, pool);
    }

    /// <summary>A request is about to go out on <paramref name="streamId"/>: counts a new name, or refuses it past the limit.</summary>
    internal void Admit(string? streamId)
    {
        if (streamId is null)
        {
            return;
        }

        lock (_lock)
        {
            if (_used.Contains(streamId))
            {
                return;
            }

            if (_used.Count >= MaxLanes)
            {
                throw ResponsesLaneLimitException.ForConnection(streamId, MaxLanes, _connection.Id);
            }

            _used.Add(streamId);
        }
    }

    internal void Release(string streamId)
    {
        lock (_lock)
        {
            _leased.Remove(streamId);
        }
    }

    /// <summary>A fork will chain from <paramref name="parentId"/>, held in <paramref name="parentLane"/>'s slot: its gate.</summary>
    internal ForkGate AddFork(string parentId, string? parentLane)
    {
        var gate = new ForkGate(parentId, parentLane);
        lock (_lock)
        {
            _forks.Add(gate);
        }

        return gate;
    }

    /// <summary>The fork is about to send a request chained from its parent: true when the parent's lane has not moved on.</summary>
    internal bool TryClaim(ForkGate gate)
    {
        lock (_lock)
        {
            return gate.TryClaim();
        }
    }

    internal void Release(ForkGate gate)
    {
        lock (_lock)
        {
            gate.Release();
        }
    }

    internal void Retire(ForkGate gate)
    {
        lock (_lock)
        {
            gate.Retire();
            _forks.Remove(gate);
        }
    }

    /// <summary>
    /// <paramref name="lane"/> is about to send its next request, which may replace or evict the response forks chain
    /// from: waits until no fork of that lane is between sending and its <c>response.in_progress</c>, and tells the
    /// forks that have not sent yet that their parent may be gone.
    /// </summary>
    internal async ValueTask AdvanceAsync(string? lane, CancellationToken cancellationToken)
    {
        while (true)
        {
            List<Task>? sending = null;
            lock (_lock)
            {
                for (int i = _forks.Count - 1; i >= 0; i--)
                {
                    ForkGate gate = _forks[i];
                    if (gate.ParentLane != lane)
                    {
                        continue;
                    }

                    if (gate.Advance() is { } claim)
                    {
                        (sending ??= []).Add(claim);
                    }
                    else if (gate.State is ForkGateState.Superseded)
                    {
                        _forks.RemoveAt(i);
                    }
                }
            }

            if (sending is null)
            {
                return;
            }

            await Task.WhenAll(sending).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
