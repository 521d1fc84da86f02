using System;

namespace ProtocolCore.Client;

/// <summary>
/// A socket has no room for another named <c>stream_id</c> lane: the server allows
/// <see cref="ResponsesClientOptions.MaxLanesPerConnection"/> (32) distinct names per connection and would answer the
/// next one with <c>websocket_stream_limit_reached</c>, so the client refuses it first. Nothing was sent. Reuse a
/// name already used on that socket, lease the lane from a <see cref="ResponsesConnectionPool"/> (which opens another
/// socket), or open another connection.
/// </summary>
public sealed class ResponsesLaneLimitException : ProtocolCoreException
{
    /// <summary>Creates the exception for the lane that did not fit.</summary>
    public ResponsesLaneLimitException(string streamId, int limit, string message)
        : base(message)
    {
        StreamId = streamId;
        Limit = limit;
    }

    /// <summary>The lane that was refused.</summary>
    public string StreamId { get; }

    /// <summary>The number of distinct named lanes a socket allows.</summary>
    public int Limit { get; }

    internal static ResponsesLaneLimitException ForConnection(string streamId, int limit, int connectionId) => new(
        streamId,
        limit,
        $"Connection {connectionId} already used its {limit} distinct stream_ids; '{streamId}' would get websocket_stream_limit_reached. Nothing was sent: reuse a stream_id, or open another connection (a pool's LeaseLaneAsync does).");
}
