namespace ProtocolCore.WebSockets;

/// <summary>Why the HTTP/1.1 upgrade (or a proxy's CONNECT) did not produce a WebSocket.</summary>
public enum WebSocketHandshakeError : byte
{
    /// <summary>The server answered with a status other than 101 (401, 426, 429, ...); see the status code and body.</summary>
    UnexpectedStatus,

    /// <summary>The response is not HTTP/1.1 the parser can read (bad status line, header without a colon, ...).</summary>
    MalformedResponse,

    /// <summary>The status line and headers did not end within the configured limit.</summary>
    ResponseHeadersTooLarge,

    /// <summary>A 101 without <c>Upgrade: websocket</c> or <c>Connection: upgrade</c>.</summary>
    MissingUpgradeHeaders,

    /// <summary><c>Sec-WebSocket-Accept</c> is missing or is not the SHA-1 of our key and the RFC 6455 GUID.</summary>
    InvalidAcceptKey,

    /// <summary>The server selected an extension we did not offer, or permessage-deflate parameters we cannot honour.</summary>
    InvalidExtension,

    /// <summary>The server selected a subprotocol although none was offered.</summary>
    UnexpectedSubprotocol,

    /// <summary>The connection closed before the response was complete.</summary>
    ConnectionClosed,

    /// <summary>An HTTP proxy refused the CONNECT tunnel; see the status code.</summary>
    ProxyRefused,
}
