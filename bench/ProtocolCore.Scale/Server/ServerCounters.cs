using System.Threading;

namespace ProtocolCore.Scale.Server;

/// <summary>What the paced server did, cumulative; the runner reads it before and after each client run.</summary>
internal sealed class ServerCounters
{
    private long _connections;
    private long _turns;
    private long _events;
    private long _chainMisses;

    public long Connections => Volatile.Read(ref _connections);

    public long Turns => Volatile.Read(ref _turns);

    public long Events => Volatile.Read(ref _events);

    /// <summary>Requests whose <c>previous_response_id</c> was not the last response served on that connection.</summary>
    public long ChainMisses => Volatile.Read(ref _chainMisses);

    public void Connected() => Interlocked.Increment(ref _connections);

    public void TurnStarted() => Interlocked.Increment(ref _turns);

    public void Sent(int events) => Interlocked.Add(ref _events, events);

    public void ChainMissed() => Interlocked.Increment(ref _chainMisses);

    public string ToJson() => $$"""{"connections":{{Connections}},"turns":{{Turns}},"events":{{Events}},"chain_misses":{{ChainMisses}}}""";
}
