namespace ProtocolCore.Benchmarks.Client;

/// <summary>The clients <see cref="ClientTurnBenchmarks"/> and <see cref="TurnCpuHarness"/> compare, in table order.</summary>
public enum TurnClient
{
    /// <summary>The raw-socket floor: the same bytes out and in, no WebSocket or JSON work.</summary>
    RawSocket,

    /// <summary>Ours: <c>ResponsesConnection.SendAsync</c>.</summary>
    ResponsesConnection,

    /// <summary>Ours one layer up: <c>ResponsesSession</c> (chaining, the conversation's items, the turn's result).</summary>
    ResponsesSession,

    /// <summary>Ours one layer down: <c>WebSocketConnection</c> and the event decoder.</summary>
    WebSocketConnection,

    /// <summary>The anchor: <c>ClientWebSocket</c> and <c>JsonDocument</c>.</summary>
    ClientWebSocket,
}
