namespace ProtocolCore.WebSockets;

/// <summary>The outcome of <see cref="WebSocketFrameReader.TryReadFrame"/>.</summary>
internal enum FrameParseStatus : byte
{
    /// <summary>A whole frame was read; <c>consumed</c> and <c>examined</c> are both its end.</summary>
    Complete,

    /// <summary>More bytes are needed; nothing was consumed and everything was examined.</summary>
    Incomplete,

    /// <summary>The frame breaks the protocol; fail the connection with the error's close code.</summary>
    Error,
}
