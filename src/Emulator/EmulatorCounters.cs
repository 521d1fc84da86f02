using System.Threading;

namespace ProtocolCore.Emulator;

/// <summary>What one emulator instance has done, for tests and reports (thread-safe).</summary>
public sealed class EmulatorCounters
{
    private long _webSocketConnections;
    private long _refusedUpgrades;
    private long _unauthorized;
    private long _responses;
    private long _connectionCacheHits;
    private long _persistedStoreHits;
    private long _previousResponseNotFound;
    private long _peakResponsesInFlight;
    private long _laneLimitRejections;
    private long _messagesTooLarge;

    /// <summary>WebSocket connections accepted (upgrades that succeeded).</summary>
    public long WebSocketConnections => Volatile.Read(ref _webSocketConnections);

    /// <summary>WebSocket upgrade requests refused because <see cref="EmulatorOptions.RefuseWebSocketUpgrade"/> was set.</summary>
    public long RefusedUpgrades => Volatile.Read(ref _refusedUpgrades);

    /// <summary>Requests rejected with 401 because their API key was missing or not accepted.</summary>
    public long Unauthorized => Volatile.Read(ref _unauthorized);

    /// <summary>Responses started (a <c>response.created</c> was sent), over WebSocket and HTTP.</summary>
    public long Responses => Volatile.Read(ref _responses);

    /// <summary>Requests whose <c>previous_response_id</c> was found in the connection-local cache.</summary>
    public long ConnectionCacheHits => Volatile.Read(ref _connectionCacheHits);

    /// <summary>Requests whose <c>previous_response_id</c> was found in the persisted store (<c>store: true</c>).</summary>
    public long PersistedStoreHits => Volatile.Read(ref _persistedStoreHits);

    /// <summary>Requests answered with <c>previous_response_not_found</c>.</summary>
    public long PreviousResponseNotFound => Volatile.Read(ref _previousResponseNotFound);

    /// <summary>The most responses one WebSocket connection has run at once, across its lanes (at most <see cref="EmulatorOptions.MaxInFlightPerConnection"/>).</summary>
    public long PeakResponsesInFlight => Volatile.Read(ref _peakResponsesInFlight);

    /// <summary>Requests refused with <c>websocket_stream_limit_reached</c> (a connection's lane past <see cref="EmulatorOptions.MaxNamedLanes"/>).</summary>
    public long LaneLimitRejections => Volatile.Read(ref _laneLimitRejections);

    /// <summary>
    /// Client messages over <see cref="EmulatorOptions.MaxMessageBytes"/>: WebSocket messages (answered
    /// <c>message_too_large</c> and closed with 1009) and HTTP request bodies (answered 413).
    /// </summary>
    public long MessagesTooLarge => Volatile.Read(ref _messagesTooLarge);

    internal void MessageTooLarge() => Interlocked.Increment(ref _messagesTooLarge);

    internal void InFlight(long running)
    {
        long peak = Volatile.Read(ref _peakResponsesInFlight);
        while (running > peak && Interlocked.CompareExchange(ref _peakResponsesInFlight, running, peak) != peak)
        {
            peak = Volatile.Read(ref _peakResponsesInFlight);
        }
    }

    internal void LaneLimitReached() => Interlocked.Increment(ref _laneLimitRejections);

    internal void WebSocketConnected() => Interlocked.Increment(ref _webSocketConnections);

    internal void UpgradeRefused() => Interlocked.Increment(ref _refusedUpgrades);

    internal void Rejected() => Interlocked.Increment(ref _unauthorized);

    internal void ResponseStarted() => Interlocked.Increment(ref _responses);

    internal void ContextResolved(ContextSource source)
    {
        if (source == ContextSource.ConnectionCache)
        {
            Interlocked.Increment(ref _connectionCacheHits);
        }
        else if (source == ContextSource.PersistedStore)
        {
            Interlocked.Increment(ref _persistedStoreHits);
        }
    }

    internal void NotFound() => Interlocked.Increment(ref _previousResponseNotFound);

    /// <summary>Every counter on one line, for logs.</summary>
    public override string ToString() =>
        $"connections={WebSocketConnections} responses={Responses} cache_hits={ConnectionCacheHits} persisted_hits={PersistedStoreHits} not_found={PreviousResponseNotFound} peak_in_flight={PeakResponsesInFlight} lane_limit={LaneLimitRejections} too_large={MessagesTooLarge} refused_upgrades={RefusedUpgrades} unauthorized={Unauthorized}";
}
