using System;
using System.Threading;

namespace ProtocolCore.Client;

/// <summary>
/// The exclusive use of one named <c>stream_id</c> lane of a connection, from <see cref="LaneManager.Lease"/> or
/// <see cref="ResponsesConnectionPool.LeaseLaneAsync"/>. Only the holder sends on the lane, so the lane's cache slot
/// holds the holder's last response. A session created on a lease (<see cref="ResponsesSession(LaneLease, Requests.ResponseCreateRequest)"/>)
/// owns it and releases it when disposed. Releasing frees the name for another lease; the socket still counts it among
/// its distinct lanes (the server never forgets one).
/// </summary>
public sealed class LaneLease : IDisposable
{
    private readonly LaneManager _manager;
    private int _released;

    internal LaneLease(LaneManager manager, ResponsesConnection connection, string streamId, ResponsesConnectionPool? pool)
    {
        _manager = manager;
        Connection = connection;
        StreamId = streamId;
        Pool = pool;
    }

    /// <summary>The connection the lane belongs to.</summary>
    public ResponsesConnection Connection { get; }

    /// <summary>The lane's <c>stream_id</c>.</summary>
    public string StreamId { get; }

    /// <summary>False once released.</summary>
    public bool IsHeld => Volatile.Read(ref _released) == 0;

    /// <summary>The pool the lane was leased from, if any.</summary>
    internal ResponsesConnectionPool? Pool { get; }

    /// <summary>Releases the lane (once); the connection stays open.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _manager.Release(StreamId);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"LaneLease {{ Connection = {Connection.Id}, StreamId = {StreamId}, IsHeld = {IsHeld} }}";
}
