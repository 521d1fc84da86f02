namespace ProtocolCore.WebSockets;

/// <summary>What a whole frame does to <see cref="WebSocketConnectionCore"/>'s reading: go on, or stop with an event.</summary>
internal enum FrameStep
{
    /// <summary>The frame is taken (a fragment of a message still arriving): read the next one.</summary>
    Continue,

    /// <summary>The frame is taken and completes a message or a control frame: stop after it.</summary>
    StopAfter,

    /// <summary>The frame is not taken (a protocol error, or a ping while the pong queue is full): stop before it.</summary>
    StopBefore,
}
