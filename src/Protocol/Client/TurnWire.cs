namespace ProtocolCore.Client;

/// <summary>What one attempt of a turn is sent on, and where that puts the request for the chain state.</summary>
internal readonly record struct TurnWire(IResponsesTransport Transport, ChainSite Site);
