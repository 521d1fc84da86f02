using System;
using System.Buffers;
using System.IO;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.WebSockets;

/// <summary>
/// One RFC 6455 client connection over System.IO.Pipelines: the opening handshake, a receive loop that owns the
/// <see cref="PipeReader"/>, masked sends, keep-alive pings with an idle watchdog, and the close handshake.
/// </summary>
/// <remarks>
/// <para>
/// Threading: one receive loop per connection reads frames, answers pings at once and copies messages into a
/// bounded queue; <see cref="ReceiveAsync"/> takes them from one consumer at a time. Sends
/// (<see cref="SendTextAsync"/>, <see cref="SendBinaryAsync"/>, <see cref="CloseAsync"/>) may come from any thread:
/// a send lock keeps frames whole, and control frames from the loop (pong, ping, close) take the same lock.
/// </para>
/// <para>
/// Failure: a protocol violation by the peer closes with its code (1002, 1007, 1009) and surfaces as
/// <see cref="WebSocketProtocolException"/> from <see cref="ReceiveAsync"/>; transport trouble (a dropped socket,
/// a missing pong) as <see cref="WebSocketConnectionException"/>. A clean close from the peer is returned as a
/// message with <see cref="WebSocketReceivedMessage.IsClose"/>. Cancelling a send that has started aborts the
/// connection, since a half-written frame cannot be taken back.
/// </para>
/// </remarks>
public sealed partial class WebSocketConnection : IAsyncDisposable
{
    /// <summary>
    /// Pipe segments for reading, rented only while bytes are being read or wait to be parsed (with nothing buffered
    /// the receive loop waits for data with a zero-byte read), so an idle connection holds none. 8 KiB holds many
    /// events per read; a big message takes more segments. Larger segments cost more than they save: what the shared
    /// pool keeps of them between reads is memory a process with thousands of connections holds for nothing.
    /// </summary>
    private const int ReadBufferSize = 8 * 1024;

    private readonly Stream _stream;
    private readonly PipeReader _reader;
    private readonly PipeWriter _writer;

    /// <summary>The RFC 6455 rules (what was received, what is owed, what may be sent); this class does its I/O.</summary>
    private readonly WebSocketConnectionCore _core;
    private readonly WebSocketInflater? _inflater;
    private readonly WebSocketDeflater? _deflater;
    private readonly WebSocketReceiveQueue _queue;
    private readonly TimeSpan _closeTimeout;

    /// <summary>The idle-buffer release delay in milliseconds; -1: never (see <see cref="WebSocketClientOptions.IdleBufferReleaseDelay"/>).</summary>
    private readonly long _idleReleaseDelayMilliseconds;

    /// <summary>Cancelled when the connection is torn down; every internal await observes it.</summary>
    private readonly CancellationTokenSource _abort = new();

    /// <summary>Serialises writes to <see cref="_writer"/> so frames never interleave.</summary>
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    private readonly Task _receiveLoop;
    private readonly Task _controlLoop;

    /// <summary>Why the connection failed, set once before <see cref="_abort"/> is cancelled for a failure.</summary>
    private Exception? _failure;

    /// <summary>1 while <see cref="WebSocketConnectionIdleTrimmer"/> has this connection in its list.</summary>
    private int _idleTrimRegistered;

    /// <summary>Set by teardown under the send lock: the writer is completed.</summary>
    private bool _writerCompleted;

    private WebSocketConnection(Stream stream, PipeReader reader, PipeWriter writer, WebSocketClientOptions options, WebSocketDeflateParameters? deflate, WebSocketHandshakeResponse upgradeResponse)
    {
        UpgradeResponse = upgradeResponse;
        _stream = stream;
        _reader = reader;
        _writer = writer;
        Deflate = deflate;
        _closeTimeout = options.CloseTimeout;
        _idleReleaseDelayMilliseconds = options.IdleBufferReleaseDelayMilliseconds;
        if (deflate is not null)
        {
            _inflater = new WebSocketInflater();
            if (options.CompressOutgoingMessages && deflate.CanCompressOutgoing)
            {
                _deflater = new WebSocketDeflater(deflate.ClientNoContextTakeover);
            }
        }

        _core = new WebSocketConnectionCore(
            new WebSocketFrameReaderOptions { PerMessageDeflate = deflate is not null, MaxFramePayloadLength = options.MaxFramePayloadLength },
            new WebSocketMessageAssemblerOptions { MaxMessageLength = options.MaxMessageLength, BufferPool = options.BufferPool ?? ArrayPool<byte>.Shared },
            _inflater,
            new WebSocketKeepAlive(options.KeepAliveInterval, options.KeepAliveTimeout, Environment.TickCount64));
        _queue = new WebSocketReceiveQueue(options.ReceiveQueueCapacity, options.BufferPool, releaseWhenDrained: _idleReleaseDelayMilliseconds >= 0);

        _receiveLoop = ReceiveLoopAsync();
        _controlLoop = ControlLoopAsync();
    }

    /// <summary>The server's <c>101 Switching Protocols</c> response: its status line and headers (e.g. a request id).</summary>
    internal WebSocketHandshakeResponse UpgradeResponse { get; }

    /// <summary>The permessage-deflate parameters the server accepted; null when messages are not compressed.</summary>
    public WebSocketDeflateParameters? Deflate { get; }

    /// <summary>The close status once the connection has ended: the peer's code, ours, or 1006 when it dropped.</summary>
    public WebSocketCloseCode? CloseStatus { get; private set; }

    /// <summary>The reason that went with <see cref="CloseStatus"/>.</summary>
    public string? CloseStatusDescription { get; private set; }

    /// <summary>Completes when the connection has ended and its socket is closed.</summary>
    public Task Completion => _receiveLoop;

    /// <summary>Opens a TCP (and for wss:// TLS) connection, through a proxy when one applies, and upgrades it.</summary>
    /// <exception cref="WebSocketConnectionException">Connect, TLS or handshake timeout.</exception>
    /// <exception cref="WebSocketHandshakeException">The server refused the upgrade or answered badly.</exception>
    public static async Task<WebSocketConnection> ConnectAsync(Uri uri, WebSocketClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!uri.IsAbsoluteUri || (uri.Scheme != "ws" && uri.Scheme != "wss"))
        {
            throw new ArgumentException("The URI must be absolute with the ws or wss scheme.", nameof(uri));
        }

        Stream stream = await WebSocketTransport.OpenAsync(uri, options, cancellationToken).ConfigureAwait(false);
        return await ConnectAsync(stream, uri, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Upgrades an already open stream (a custom transport, a test's in-memory pipe). The connection owns
    /// <paramref name="stream"/> from here on, also when this fails.
    /// </summary>
    public static async Task<WebSocketConnection> ConnectAsync(Stream stream, Uri uri, WebSocketClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        // The receive loop waits for data itself, with a zero-byte read, before it asks the pipe (which then rents).
        PipeReader reader = PipeReader.Create(stream, new StreamPipeReaderOptions(
            pool: options.BufferPool is { } pool ? new ArrayPoolMemoryPool(pool) : null,
            bufferSize: ReadBufferSize,
            minimumReadSize: ReadBufferSize / 4,
            leaveOpen: true));
        PipeWriter writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.HandshakeTimeout);
            (WebSocketDeflateParameters? Deflate, WebSocketHandshakeResponse Response) upgrade;
            try
            {
                upgrade = await WebSocketUpgrade.RunAsync(reader, writer, uri, options, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new WebSocketConnectionException(WebSocketConnectionError.HandshakeTimeout, "The WebSocket upgrade timed out.");
            }
            catch (IOException e)
            {
                throw new WebSocketConnectionException(WebSocketConnectionError.ConnectionLost, "The connection failed during the WebSocket upgrade.", e);
            }

            return new WebSocketConnection(stream, reader, writer, options, upgrade.Deflate, upgrade.Response);
        }
        catch
        {
            await reader.CompleteAsync().ConfigureAwait(false);
            await writer.CompleteAsync().ConfigureAwait(false);
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Waits for the next message. The returned payload is valid until the next call. After the peer's clean close,
    /// returns (and keeps returning) a close message.
    /// </summary>
    /// <exception cref="WebSocketProtocolException">The peer broke the protocol; the connection was closed with its code.</exception>
    /// <exception cref="WebSocketConnectionException">The connection dropped, timed out or was aborted.</exception>
    public ValueTask<WebSocketReceivedMessage> ReceiveAsync(CancellationToken cancellationToken = default) =>
        _queue.ReceiveAsync(cancellationToken);

    /// <summary>
    /// Data messages received so far (read or not): the n-th data message <see cref="ReceiveAsync"/> returns is number n,
    /// so a reader can tell whether a message arrived before or after a moment it noted this count.
    /// </summary>
    internal long ReceivedMessageCount => _queue.PublishedCount;

    /// <summary>The receive queue's ring of message slots (tests: grown by a backlog, shrunk after the idle delay).</summary>
    internal int ReceiveQueueSlotCount => _queue.SlotCount;

    /// <summary>
    /// The consumer is done with the message numbered <paramref name="sequence"/> (<see cref="WebSocketReceivedMessage.Sequence"/>;
    /// it parsed it into objects of its own): if no receive happened since, its slot is freed now instead of at the next
    /// receive, so an idle connection holds no buffer. A later message, received meanwhile by another reader of a
    /// shared connection, is left alone.
    /// </summary>
    internal void ReleaseReceived(long sequence) => _queue.ReleaseHeld(sequence);

    /// <summary>
    /// Gives the receive buffers back to the pool if the receive loop has been waiting for data since
    /// <paramref name="cutoff"/> (<see cref="Environment.TickCount64"/>) or earlier and the consumer holds no message.
    /// True when the connection holds no receive buffer any more; the idle trimmer calls it, tests call it directly.
    /// </summary>
    internal bool TrimIdleBuffers(long cutoff) => _queue.TrimIfIdleSince(cutoff);

    /// <summary>The idle-buffer release delay in milliseconds; -1 when buffers are kept (the connection never registers).</summary>
    internal long IdleReleaseDelayMilliseconds => _idleReleaseDelayMilliseconds;

    /// <summary>
    /// <see cref="TrimIdleBuffers"/> with this connection's own delay: trims if the receive loop has been waiting for
    /// data since a release delay before <paramref name="now"/> (<see cref="Environment.TickCount64"/>); never when the
    /// delay is infinite.
    /// </summary>
    internal bool TrimIfIdleAt(long now) => _idleReleaseDelayMilliseconds >= 0 && TrimIdleBuffers(now - _idleReleaseDelayMilliseconds);

    /// <summary>The idle trimmer let go of this connection: the next idle wait registers it again.</summary>
    internal void OnIdleTrimUnregistered() => Volatile.Write(ref _idleTrimRegistered, 0);

    /// <summary>
    /// Closes: sends our close frame, waits (up to the close timeout) for the server's, then closes the socket. Messages
    /// that arrive meanwhile are discarded.
    /// </summary>
    public async Task CloseAsync(WebSocketCloseCode status = WebSocketCloseCode.NormalClosure, string? reason = null, CancellationToken cancellationToken = default)
    {
        if (!_core.CloseSent)
        {
            try
            {
                await WriteControlAsync(ControlWrite.Close, status, reason, default, cancellationToken).ConfigureAwait(false);
            }
            catch (WebSocketConnectionException)
            {
                // The connection is already gone: there is nothing left to close politely.
            }
        }

        Task finished = await Task.WhenAny(_receiveLoop, Task.Delay(_closeTimeout, cancellationToken)).ConfigureAwait(false);
        if (finished != _receiveLoop)
        {
            Fail(new WebSocketConnectionException(WebSocketConnectionError.CloseTimeout, "The server did not complete the close handshake in time."));
            await _receiveLoop.ConfigureAwait(false);
        }
    }

    /// <summary>Aborts the connection if it is still open and releases everything. Never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        Fail(new WebSocketConnectionException(WebSocketConnectionError.Aborted, "The connection was disposed."));
        await _receiveLoop.ConfigureAwait(false);
        await _controlLoop.ConfigureAwait(false);
        _queue.ReleaseBuffers();

        // _sendLock and _abort are left to the collector: neither holds an OS handle here, and a send racing with
        // dispose must get a WebSocketConnectionException, not an ObjectDisposedException from a disposed primitive.
    }

    /// <summary>Records the first failure and tears the connection down (the receive loop finishes the job).</summary>
    private void Fail(Exception failure)
    {
        if (Interlocked.CompareExchange(ref _failure, failure, null) is null)
        {
            try
            {
                _abort.Cancel();

                // Also wakes a read that is not watching the token (the drain after a close).
                _reader.CancelPendingRead();

                // And a receive loop waiting for room in a full queue nobody reads any more (it then sees the abort).
                _queue.WakeProducer();
            }
            catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
            {
                // Already torn down.
            }
        }
    }
}
