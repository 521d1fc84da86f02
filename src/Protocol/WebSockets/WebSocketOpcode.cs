namespace ProtocolCore.WebSockets;

/// <summary>The frame opcodes of RFC 6455 §5.2; every other value is reserved and fails the connection.</summary>
public enum WebSocketOpcode : byte
{
    /// <summary>A continuation of the message started by the last Text or Binary frame without FIN.</summary>
    Continuation = 0x0,

    Text = 0x1,

    Binary = 0x2,

    Close = 0x8,

    Ping = 0x9,

    Pong = 0xA,
}
