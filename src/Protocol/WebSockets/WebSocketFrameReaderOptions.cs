namespace ProtocolCore.WebSockets;

/// <summary>What <see cref="WebSocketFrameReader"/> accepts. Immutable once built; share one per connection.</summary>
internal sealed class WebSocketFrameReaderOptions
{
    /// <summary>The default frame limit: 64 MiB, above any event the Responses API sends today.</summary>
    public const long DefaultMaxFramePayloadLength = 64L * 1024 * 1024;

    /// <summary>A client that has not negotiated permessage-deflate, with the default frame limit.</summary>
    public static WebSocketFrameReaderOptions Client { get; } = new();

    /// <summary>
    /// Reads frames as a server would: frames must be masked. Used to read back what a client writes; this
    /// library's connection is always a client.
    /// </summary>
    public bool IsServer { get; init; }

    /// <summary>permessage-deflate was negotiated, so RSV1 may be set on the first frame of a data message.</summary>
    public bool PerMessageDeflate { get; init; }

    /// <summary>
    /// The largest payload accepted in one frame. Checked as soon as the length is decoded, before the payload is
    /// buffered, so a peer cannot make the reader wait for (and the pipe hold) more than this.
    /// </summary>
    public long MaxFramePayloadLength { get; init; } = DefaultMaxFramePayloadLength;
}
