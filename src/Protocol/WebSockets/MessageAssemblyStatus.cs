namespace ProtocolCore.WebSockets;

/// <summary>The outcome of <see cref="WebSocketMessageAssembler.TryAdd"/>.</summary>
internal enum MessageAssemblyStatus : byte
{
    /// <summary>The frame was a fragment of a message that is not finished yet.</summary>
    Incomplete,

    /// <summary>A whole text or binary message is available.</summary>
    Message,

    /// <summary>A ping, pong or close frame is available (possibly between the fragments of a message).</summary>
    Control,

    /// <summary>The frame breaks the protocol; fail the connection with the error's close code.</summary>
    Error,
}
