namespace ProtocolCore.Client;

/// <summary>
/// Where the next request goes, as the chain state needs to know it: the socket and lane (none in HTTP mode) and what
/// the client knows that socket's cache slots hold. The server looks <c>previous_response_id</c> up in the request's
/// lane's slot and in every other lane's slot of the same socket (a cross-lane fork, spec §1.6), so a response is
/// reachable from any lane of the socket it was produced on while its slot still holds it. Slots only this conversation
/// writes (its own socket, or its own lane of a shared one) hold its last response produced there; a pooled socket's
/// slot holds whatever response the pool saw last on it, which may be another conversation's.
/// </summary>
internal readonly record struct ChainSite
{
    private ChainSite(ChainPlace? place, bool exclusive, string? slotHolds)
    {
        Place = place;
        Exclusive = exclusive;
        SlotHolds = slotHolds;
    }

    /// <summary>HTTP mode: no connection-local cache; only the store can continue a chain.</summary>
    public static ChainSite NoCache => default;

    /// <summary>The socket and lane the request goes to; null in HTTP mode (no connection-local cache).</summary>
    public ChainPlace? Place { get; }

    /// <summary>Only this conversation writes the slots it chains from, so they hold its last response produced there.</summary>
    public bool Exclusive { get; }

    /// <summary>For a socket others write too (<see cref="Exclusive"/> false): the response its slot holds, as far as the client knows.</summary>
    public string? SlotHolds { get; }

    /// <summary>Slots only this conversation writes: its own socket's, or its own lane's on a shared socket.</summary>
    public static ChainSite ExclusiveSlot(ChainPlace place) => new(place, exclusive: true, null);

    /// <summary>A slot other conversations write too (a pooled socket), holding <paramref name="slotHolds"/> as far as the client knows.</summary>
    public static ChainSite SharedSlot(ChainPlace place, string? slotHolds) => new(place, exclusive: false, slotHolds);

    /// <summary>Whether the request can reach <paramref name="anchor"/>'s state in a cache slot: on the same socket (any lane), still held.</summary>
    public bool Holds(ChainAnchor anchor) =>
        Place is { } place && anchor.Place is { } home && home.SocketId == place.SocketId && (Exclusive || SlotHolds == anchor.ResponseId);

    public override string ToString() => Place is not { } place ? "no cache" : Exclusive ? $"{place} (exclusive)" : $"{place} (holds {SlotHolds ?? "unknown"})";
}
