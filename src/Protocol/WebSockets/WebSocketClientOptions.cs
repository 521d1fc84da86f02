using System;
using System.Buffers;
using System.Collections.Generic;
using System.Net.Security;
using System.Threading;

namespace ProtocolCore.WebSockets;

/// <summary>
/// Everything <see cref="WebSocketConnection.ConnectAsync(Uri, WebSocketClientOptions, System.Threading.CancellationToken)"/>
/// needs: credentials, limits, timeouts, TLS and proxy settings. Set it up, then share it; the connection reads it
/// only while connecting. <see cref="ApiKey"/> is a secret: it is written into the upgrade request and nowhere else.
/// </summary>
public sealed class WebSocketClientOptions
{
    /// <summary>Sent as <c>Authorization: Bearer &lt;key&gt;</c>; null or empty sends no Authorization header.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Extra request headers (e.g. <c>OpenAI-Beta</c>), in order. Names and values must not contain CR or LF.</summary>
    public IList<KeyValuePair<string, string>> Headers { get; } = new List<KeyValuePair<string, string>>();

    /// <summary>TCP connect (and proxy CONNECT) deadline. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>TLS handshake plus the HTTP upgrade, including reading a refusal's body. Default 10 s.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The status line and headers of the upgrade (or CONNECT) response. Default 16 KiB.</summary>
    public int MaxResponseHeaderBytes { get; set; } = WebSocketHandshake.DefaultMaxResponseHeaderBytes;

    /// <summary>How much of a refused upgrade's body is kept in <see cref="WebSocketHandshakeException.Body"/>. Default 4 KiB.</summary>
    public int MaxErrorBodyBytes { get; set; } = 4096;

    /// <summary>The largest frame payload accepted (checked before it is buffered). Default 64 MiB.</summary>
    public long MaxFramePayloadLength { get; set; } = WebSocketFrameReaderOptions.DefaultMaxFramePayloadLength;

    /// <summary>The largest message accepted, after decompression. Default 64 MiB.</summary>
    public int MaxMessageLength { get; set; } = WebSocketMessageAssemblerOptions.DefaultMaxMessageLength;

    /// <summary>
    /// How many received messages may wait for the consumer before the receive loop stops reading (backpressure).
    /// Pings are answered while the queue has room. Default 64.
    /// </summary>
    public int ReceiveQueueCapacity { get; set; } = 64;

    /// <summary>
    /// How long a connection waits for data before it shrinks its receive queue back to its idle size (the ring of
    /// message slots, grown by a backlog). The buffer the messages wait in goes back to the pool sooner: whenever the
    /// consumer has taken every message and the socket has no data, since the thread that returns it is the one whose
    /// next receive rents it (a consumer that keeps up runs on the receive loop's thread), so thousands of streaming
    /// connections share a few buffers. <see cref="Timeout.InfiniteTimeSpan"/> keeps both while the connection lives.
    /// Otherwise positive and at most 1 hour. Default 1 s.
    /// </summary>
    public TimeSpan IdleBufferReleaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How the socket waits for data and where code awaiting the connection continues: <see cref="WebSocketIoMode.ThreadPool"/>
    /// (the default) or <see cref="WebSocketIoMode.EventLoop"/> (Linux; continuations run on a loop thread and must not block).
    /// </summary>
    public WebSocketIoMode IoMode { get; set; }

    /// <summary>
    /// How often we ping the server; <see cref="TimeSpan.Zero"/> turns keep-alive off. Default 30 s.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a pong may take after our ping before the connection is failed (idle watchdog). Time spent with the
    /// receive loop stopped by a slow consumer does not count: the pong may be waiting behind unread data. Default 20 s.
    /// </summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long the close handshake may take (our close frame out, the server's in, the TCP close). Default 5 s.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Offer permessage-deflate (RFC 7692). Default true, as every peer SDK does.</summary>
    public bool EnableCompression { get; set; } = true;

    /// <summary>
    /// Deflate the messages we send when compression was negotiated and the server allows a 15-bit window. Default
    /// false: requests are small and compressing them costs CPU on both sides.
    /// </summary>
    public bool CompressOutgoingMessages { get; set; }

    /// <summary>
    /// Decides whether a wss:// server certificate is trusted. Null (default): the system trust store and host name
    /// check. Set it to trust a private CA or a pinned certificate.
    /// </summary>
    public RemoteCertificateValidationCallback? RemoteCertificateValidationCallback { get; set; }

    /// <summary>
    /// An HTTP proxy to tunnel through with CONNECT (<c>http://[user:password@]host:port</c>). When null and
    /// <see cref="UseEnvironmentProxy"/> is set, <c>HTTPS_PROXY</c> (wss) or <c>HTTP_PROXY</c> (ws) applies.
    /// </summary>
    public Uri? Proxy { get; set; }

    /// <summary>Honour <c>HTTPS_PROXY</c>/<c>HTTP_PROXY</c>/<c>NO_PROXY</c> (either case). Default true.</summary>
    public bool UseEnvironmentProxy { get; set; } = true;

    /// <summary>Hosts that bypass <see cref="Proxy"/>, in <c>NO_PROXY</c> syntax; null uses <c>NO_PROXY</c> when environment proxies apply.</summary>
    public string? NoProxy { get; set; }

    /// <summary>
    /// Where the connection rents its read, message and pong buffers; null for the shared pool. Tests set a counting
    /// pool to see that an idle connection holds none.
    /// </summary>
    internal ArrayPool<byte>? BufferPool { get; set; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero, nameof(ConnectTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(HandshakeTimeout, TimeSpan.Zero, nameof(HandshakeTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CloseTimeout, TimeSpan.Zero, nameof(CloseTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(KeepAliveInterval, TimeSpan.Zero, nameof(KeepAliveInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(KeepAliveTimeout, TimeSpan.Zero, nameof(KeepAliveTimeout));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxResponseHeaderBytes, nameof(MaxResponseHeaderBytes));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxErrorBodyBytes, nameof(MaxErrorBodyBytes));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxFramePayloadLength, nameof(MaxFramePayloadLength));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxMessageLength, nameof(MaxMessageLength));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ReceiveQueueCapacity, nameof(ReceiveQueueCapacity));
        ValidateIdleBufferReleaseDelay(IdleBufferReleaseDelay, nameof(IdleBufferReleaseDelay));
        if (IoMode is not WebSocketIoMode.ThreadPool and not WebSocketIoMode.EventLoop)
        {
            throw new ArgumentOutOfRangeException(nameof(IoMode), IoMode, "Not a WebSocketIoMode.");
        }
    }

    /// <summary>The longest finite <see cref="IdleBufferReleaseDelay"/>.</summary>
    internal static readonly TimeSpan MaxIdleBufferReleaseDelay = TimeSpan.FromHours(1);

    /// <summary>Checks an <see cref="IdleBufferReleaseDelay"/> (also from <c>ResponsesClientOptions.Validate</c>, before any connect).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive, over 1 hour, and not infinite.</exception>
    internal static void ValidateIdleBufferReleaseDelay(TimeSpan value, string name)
    {
        if (value != Timeout.InfiniteTimeSpan && (value <= TimeSpan.Zero || value > MaxIdleBufferReleaseDelay))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be positive and at most 1 hour, or Timeout.InfiniteTimeSpan.");
        }
    }

    /// <summary>The delay in whole milliseconds (at least 1), or -1 for never.</summary>
    internal long IdleBufferReleaseDelayMilliseconds =>
        IdleBufferReleaseDelay == Timeout.InfiniteTimeSpan ? -1 : Math.Max(1, (long)Math.Ceiling(IdleBufferReleaseDelay.TotalMilliseconds));
}
