using System.Buffers;

namespace ProtocolCore.WebSockets;

/// <summary>
/// A complete frame read by <see cref="WebSocketFrameReader"/>: its header and a slice of the input holding the
/// payload (still masked if the frame was masked). The slice is valid only as long as the input sequence is: once
/// the owner of the <c>PipeReader</c> advances past it, it must not be touched.
/// </summary>
internal readonly struct WebSocketFrame
{
    /// <summary>Pairs a parsed header with its payload slice.</summary>
    /// <param name="header">The decoded header.</param>
    /// <param name="payload">Exactly <see cref="WebSocketFrameHeader.PayloadLength"/> bytes of the input, still masked if the frame was.</param>
    public WebSocketFrame(WebSocketFrameHeader header, ReadOnlySequence<byte> payload)
    {
        Header = header;
        Payload = payload;
    }

    /// <summary>The decoded header.</summary>
    public WebSocketFrameHeader Header { get; }

    /// <summary>The payload: a slice of the input sequence, valid while it is; still masked if <see cref="WebSocketFrameHeader.Masked"/>.</summary>
    public ReadOnlySequence<byte> Payload { get; }
}
