using System.Buffers;

namespace ProtocolCore.WebSockets;

/// <summary>
/// A complete frame read by <see cref="WebSocketFrameReader"/>: its header and a slice of the input holding the
/// payload (still masked if the frame was masked). The slice is valid only as long as the input sequence is: once
/// the owner of the <c>PipeReader</c> advances past it, it must not be touched.
/// </summary>
public readonly struct WebSocketFrame
{
    public WebSocketFrame(WebSocketFrameHeader header, ReadOnlySequence<byte> payload)
    {
        Header = header;
        Payload = payload;
    }

    public WebSocketFrameHeader Header { get; }

    public ReadOnlySequence<byte> Payload { get; }
}
