namespace ProtocolCore.Client;

/// <summary>Why a WebSocket connection is replaced (<see cref="ResponsesClientObserver.OnReconnecting"/>).</summary>
public enum ResponsesReconnectReason
{
    /// <summary>The connection was closed (by the server, the network, or a cancelled turn); its close code says more.</summary>
    ConnectionClosed,

    /// <summary>
    /// Rotation: the open connection reached <see cref="ResponsesClientOptions.MaxConnectionAge"/> and is replaced between
    /// turns, before the server's own age limit would cut it.
    /// </summary>
    MaxConnectionAge,

    /// <summary>The server answered <c>websocket_connection_limit_reached</c> before the response started.</summary>
    ConnectionLimitReached,
}
