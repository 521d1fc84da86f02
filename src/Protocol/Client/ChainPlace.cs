namespace ProtocolCore.Client;

/// <summary>
/// A connection-local cache slot: the socket (<see cref="ResponsesConnection.Id"/>) and the <c>stream_id</c> lane on it
/// (null: the default lane). The server keeps one response per slot (spec §1.6), so this is where a response a request
/// may chain from lives, apart from the server's store. The lane matters to the server's eviction: a failed
/// continuation evicts its parent only from the parent's own lane.
/// </summary>
internal readonly record struct ChainPlace(int SocketId, string? Lane)
{
    public override string ToString() => Lane is null ? $"socket {SocketId}" : $"socket {SocketId} lane {Lane}";
}
