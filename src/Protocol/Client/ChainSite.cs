namespace ProtocolCore.Client;

/// <summary>
/// Where the next request goes, as the chain state needs to know it: the cache slot it will meet (none in HTTP mode) and
/// what the client knows that slot holds. A slot only this conversation writes (its own socket, or its own lane of a
/// shared one) holds its last response produced there; a pooled socket's slot holds whatever response the pool saw last
/// on it, which may be another conversation's.
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

    /// <summary>The cache slot the request meets; null in HTTP mode.</summary>
    public ChainPlace? Place { get; }

    /// <summary>Only this conversation writes the slot, so it holds the conversation's last response produced there.</summary>
    public bool Exclusive { get; }

    /// <summary>For a slot others write too (<see cref="Exclusive"/> false): the response it holds, as far as the client knows.</summary>
    public string? SlotHolds { get; }

    /// <summary>A slot only this conversation writes: its own socket's, or its own lane's on a shared socket.</summary>
    public static ChainSite ExclusiveSlot(ChainPlace place) => new(place, exclusive: true, null);

    /// <summary>A slot other conversations write too (a pooled socket), holding <paramref name="slotHolds"/> as far as the client knows.</summary>
    public static ChainSite SharedSlot(ChainPlace place, string? slotHolds) => new(place, exclusive: false, slotHolds);

    /// <summary>Whether the slot this request meets holds <paramref name="anchor"/>'s state.</summary>
    public bool Holds(ChainAnchor anchor) =>
        Place is { } place && anchor.Place == place && (Exclusive || SlotHolds == anchor.ResponseId);

    public override string ToString() => Place is not { } place ? "no cache" : Exclusive ? $"{place} (exclusive)" : $"{place} (holds {SlotHolds ?? "unknown"})";
}
