namespace ProtocolCore.WebSockets;

/// <summary>What <see cref="WebSocketKeepAlive.Poll"/> asks of the connection at a given moment.</summary>
internal enum WebSocketKeepAliveAction : byte
{
    /// <summary>Nothing to do before <see cref="WebSocketKeepAlive.NextDeadline"/>.</summary>
    None,

    /// <summary>Send a ping with <see cref="WebSocketKeepAlive.WritePingPayload"/>, then report it with <see cref="WebSocketKeepAlive.OnPingSent"/>.</summary>
    SendPing,

    /// <summary>The pong for our last ping did not come back in time: the connection is dead.</summary>
    TimedOut,
}
