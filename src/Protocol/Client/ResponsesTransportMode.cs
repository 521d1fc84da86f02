namespace ProtocolCore.Client;

/// <summary>How a session sends its requests.</summary>
public enum ResponsesTransportMode
{
    /// <summary>One persistent WebSocket (<c>response.create</c> messages), with its connection-local cache.</summary>
    WebSocket,

    /// <summary><c>POST /responses</c> with <c>stream: true</c> and server-sent events.</summary>
    Http,
}
