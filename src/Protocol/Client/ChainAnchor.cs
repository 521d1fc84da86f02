namespace ProtocolCore.Client;

/// <summary>
/// The response the next request may chain from, and every place its state lives: the cache slot it was produced in
/// (<see cref="Place"/>; null when it came over HTTP mode, which has no connection-local cache) and the server's store
/// (<see cref="Stored"/>: it was created with <c>store: true</c>). <see cref="Fingerprint"/> is the request fields it
/// was created with that a continuation must repeat. A value: each successful turn makes the next one.
/// </summary>
internal readonly record struct ChainAnchor(string ResponseId, ChainPlace? Place, bool Stored, byte[] Fingerprint);
