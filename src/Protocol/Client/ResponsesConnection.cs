using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;
using ProtocolCore.Json;
using ProtocolCore.Requests;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Client;

/// <summary>
/// One WebSocket to <c>{base}/responses</c>. Runs one response at a time per <c>stream_id</c> lane (the default lane is
/// the one without a <c>stream_id</c>) and up to <see cref="ResponsesClientOptions.MaxInFlightResponses"/> across lanes:
/// a second <see cref="SendAsync(ResponseCreateRequest, CancellationToken)"/> on a lane waits until the first one's terminal event has been read. A caller waiting
/// for an event reads the socket itself, routing other lanes' events by their <c>stream_id</c> to those lanes' bounded
/// buffers (see <see cref="NextEventAsync"/>). Events are owned objects that stay valid after the next one is read.
/// </summary>
public sealed partial class ResponsesConnection : IAsyncDisposable, IResponsesTransport
{
    internal const int MaxStreamIdLength = 256;

    private readonly WebSocketConnection _socket;
    private readonly ResponsesClientOptions _options;
    private readonly SemaphoreSlim _inFlight;

    /// <summary>The lanes and the read turn: who reads the socket, who waits, where each event goes.</summary>
    private readonly ReadTurnRouter _router;
    private static int s_nextId;
    private readonly long _connectedAt = Stopwatch.GetTimestamp();
    private long _bytesSent;
    private long _bytesReceived;
    private int _responses;
    private int _disposed;

    private ResponsesConnection(WebSocketConnection socket, ResponsesClientOptions options)
    {
        _socket = socket;
        _options = options;
        UpgradeHeaders = ResponsesServerHeaders.From(socket.UpgradeResponse.Headers, SecretRedactor.For(options));
        _inFlight = new SemaphoreSlim(options.MaxInFlightResponses, options.MaxInFlightResponses);
        _router = new ReadTurnRouter(options.MaxBufferedEventsPerResponse, error => ResponsesTerminal.ToException(error, SecretRedactor.For(options), UpgradeHeaders));
        Lanes = new LaneManager(this, options.MaxLanesPerConnection);
    }

    /// <summary>Opens a connection with <c>Authorization: Bearer</c> from <paramref name="options"/>.</summary>
    /// <exception cref="WebSocketHandshakeException">The server refused the upgrade (e.g. 426, 401).</exception>
    /// <exception cref="WebSocketConnectionException">The connection could not be established.</exception>
    public static async Task<ResponsesConnection> ConnectAsync(ResponsesClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        WebSocketConnection socket = await WebSocketConnection.ConnectAsync(options.WebSocketUri, options.CreateWebSocketOptions(), cancellationToken).ConfigureAwait(false);
        ResponsesClientDiagnostics.Connects.Add(1);
        return new ResponsesConnection(socket, options);
    }

    /// <summary>A process-wide sequence number: the identity of this socket's connection-local cache.</summary>
    public int Id { get; } = Interlocked.Increment(ref s_nextId);

    /// <summary>Time since the connection was opened.</summary>
    public TimeSpan Age => Stopwatch.GetElapsedTime(_connectedAt);

    /// <summary>False once the server closed (or began to), the connection failed, or it was disposed.</summary>
    public bool IsOpen => Volatile.Read(ref _disposed) == 0 && !_router.HasEnded && _socket.CloseStatus is null && !_socket.Completion.IsCompleted;

    /// <summary>The close code the server sent, once it did.</summary>
    public WebSocketCloseCode? CloseStatus => _socket.CloseStatus;

    /// <summary>The request id and rate limits of the upgrade response (null when the server sent none).</summary>
    public ResponsesServerHeaders? UpgradeHeaders { get; }

    ResponsesServerHeaders? IResponsesTransport.ServerHeaders => UpgradeHeaders;

    /// <summary>Request payload bytes sent (JSON text, before framing and compression).</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Event payload bytes received (JSON text, after decompression).</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>How many requests were sent on this connection.</summary>
    public int ResponseCount => Volatile.Read(ref _responses);

    /// <summary>The socket's named lanes: leases, the distinct-name limit, and the forks waiting on a lane.</summary>
    public LaneManager Lanes { get; }

    /// <summary>The read turn's state (tests wait on it to reach a moment the protocol cannot show).</summary>
    internal ReadTurnState ReadTurn => _router.Turn;

    /// <summary>Whether a lane's response, in flight or kept for reuse, refers to a view decoder (tests).</summary>
    internal bool HoldsViewReader => _router.HoldsViewReader();

    /// <summary>The options the connection was opened with.</summary>
    internal ResponsesClientOptions Options => _options;

    /// <summary>
    /// Checks a <c>stream_id</c> the way the server does (spec §1.6): null (the default lane) or 1–256 characters of
    /// <c>[A-Za-z0-9_.-]</c>. Checked here so a bad id fails before anything is sent, not as a server error.
    /// </summary>
    /// <exception cref="ArgumentException">The id is empty, too long, or has another character.</exception>
    public static void ValidateStreamId(string? streamId, string? paramName = "streamId")
    {
        if (streamId is null)
        {
            return;
        }

        if (streamId.Length is 0 or > MaxStreamIdLength)
        {
            throw new ArgumentException($"A stream_id must have 1 to {MaxStreamIdLength} characters (omit it for the default lane).", paramName);
        }

        foreach (char c in streamId)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
            {
                throw new ArgumentException("A stream_id may only contain ASCII letters, digits, '_', '.' and '-'.", paramName);
            }
        }
    }

    /// <summary>
    /// Sends <c>response.create</c> and yields that response's events through its terminal event. Requests on the same
    /// lane run in call order; other lanes run concurrently. Cancelling, a timeout, or stopping the enumeration before
    /// the terminal event closes the connection (the unread rest of the response would otherwise arrive in front of the
    /// lane's next one), which interrupts every other lane in flight; its connection-local cache is lost with it. The
    /// request is sent when the sequence is enumerated, once (a second enumeration throws <see cref="InvalidOperationException"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The request's <c>stream_id</c> is malformed (see <see cref="ValidateStreamId"/>).</exception>
    /// <exception cref="ResponsesLaneLimitException">The <c>stream_id</c> would be the socket's 33rd distinct lane; nothing was sent.</exception>
    /// <exception cref="ResponsesRequestTooLargeException">The request is over <see cref="ResponsesClientOptions.MaxRequestMessageBytes"/>; nothing was sent.</exception>
    /// <exception cref="ResponsesConnectionClosedException">The connection was closed before anything was sent.</exception>
    /// <exception cref="ResponseInterruptedException">The connection dropped after the request was sent.</exception>
    /// <exception cref="ResponsesApiException">A connection-level <c>error</c> (no <c>stream_id</c>) ended every lane in flight.</exception>
    public IAsyncEnumerable<ResponsesEvent> SendAsync(ResponseCreateRequest request, CancellationToken cancellationToken = default) =>
        new ResponseStream(this, reusable: false).Bind(request, views: null, cancellationToken);

    /// <summary>
    /// <see cref="SendAsync(ResponseCreateRequest, CancellationToken)"/> for the library's own callers, with this
    /// response's events read as views into <paramref name="views"/> (valid until the caller asks for the next one)
    /// when it is not null, on the lane's reused stream when it has one free.
    /// </summary>
    IAsyncEnumerable<ResponsesEvent> IResponsesTransport.SendAsync(ResponseCreateRequest request, TurnViewReader? views, CancellationToken cancellationToken)
    {
        ResponseStream stream = (request is null ? null : _router.FindLane(request.StreamId ?? string.Empty)) is { } lane
            ? Interlocked.Exchange(ref lane.SpareStream, null) ?? new ResponseStream(this, reusable: true)
            : new ResponseStream(this, reusable: true);
        return stream.Bind(request!, views, cancellationToken);
    }

    /// <summary>
    /// Closes with a close handshake (1000), waiting at most the transport's close timeout, then releases the
    /// connection. A close that fails (the connection is already gone) is an abort: only the caller's own cancellation
    /// is thrown, after the connection was released.
    /// </summary>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            if (IsOpen)
            {
                await _socket.CloseAsync(WebSocketCloseCode.NormalClosure, null, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Nothing is left to close politely; the abort below releases what remains.
        }
        finally
        {
            await AbortAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Aborts the connection if it is open and releases it. Never throws.</summary>
    public ValueTask DisposeAsync() => AbortAsync();

    /// <summary>Tears the socket down once; never throws, so it is safe in every <c>finally</c> and dispose path.</summary>
    private async ValueTask AbortAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await _socket.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A teardown that fails (say, flushing into a stream already gone) leaves nothing more to release, and
            // whoever aborted is already on a failure path whose own exception must not be replaced.
        }

        // A reader holding the read turn fails on its own; the others learn it here.
        EndReceiving(new WebSocketConnectionException(WebSocketConnectionError.Aborted, "The connection was disposed."));
    }

    /// <summary>A one-line summary for logs: id, age, whether it is open, response count and bytes. Never includes credentials.</summary>
    public override string ToString() =>
        $"ResponsesConnection {{ Id = {Id}, Age = {Age}, IsOpen = {IsOpen}, Responses = {ResponseCount}, BytesSent = {BytesSent}, BytesReceived = {BytesReceived} }}";
}
