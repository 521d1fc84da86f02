namespace ProtocolCore.WebSockets;

/// <summary>The frame opcodes of RFC 6455 §5.2; every other value is reserved and fails the connection.</summary>
public enum WebSocketOpcode : byte
{
    /// <summary>A continuation of the message started by the last Text or Binary frame without FIN.</summary>
    Continuation = 0x0,

    /// <summary>The first frame of a text message (UTF-8); the Responses API sends its events as text messages.</summary>
    Text = 0x1,

    /// <summary>The first frame of a binary message.</summary>
    Binary = 0x2,

    /// <summary>A close frame: a 2-byte code and a UTF-8 reason, or empty. No data follows it.</summary>
    Close = 0x8,

    /// <summary>A ping; the receiver answers it with a pong carrying the same payload.</summary>
    Ping = 0x9,

    /// <summary>A pong: the answer to a ping, or an unsolicited heartbeat.</summary>
    Pong = 0xA,
}
