using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;
using ProtocolCore.Json;
using ProtocolCore.Requests;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Client;

/// <summary>
/// One WebSocket to <c>{base}/responses</c>. Runs one response at a time: a second <see cref="SendAsync"/> waits until
/// the first one's terminal event has been read (the server would queue it anyway; queueing here keeps the events of
/// two responses from interleaving). Events are owned objects that stay valid after the next one is read.
/// </summary>
public sealed class ResponsesConnection : IAsyncDisposable, IResponsesTransport
{
    private readonly WebSocketConnection _socket;
    private readonly ResponsesClientOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
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

    /// <summary>False once the server closed, the connection failed, or it was disposed.</summary>
    public bool IsOpen => Volatile.Read(ref _disposed) == 0 && !_socket.Completion.IsCompleted;

    /// <summary>The close code the server sent, once it did.</summary>
    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    /// <summary>Request payload bytes sent (JSON text, before framing and compression).</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Event payload bytes received (JSON text, after decompression).</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>How many requests were sent on this connection.</summary>
    public int ResponseCount => Volatile.Read(ref _responses);

    bool IResponsesTransport.HasConnectionCache => true;

    /// <summary>
    /// Sends <c>response.create</c> and yields that response's events through its terminal event. Cancelling, a
    /// timeout, or stopping the enumeration before the terminal event closes the connection (the unread rest of the
    /// response would otherwise arrive in front of the next one); its connection-local cache is lost with it.
    /// </summary>
    /// <exception cref="ResponsesConnectionClosedException">The connection was closed before anything was sent.</exception>
    /// <exception cref="ResponseInterruptedException">The connection dropped after the request was sent.</exception>
    public async IAsyncEnumerable<ResponsesEvent> SendAsync(ResponseCreateRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        byte[] payload = ProtocolJson.ToUtf8Bytes(request);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        bool finished = false;
        try
        {
            if (!IsOpen)
            {
                finished = true;
                throw new ResponsesConnectionClosedException(CloseStatus, $"The connection is closed ({(CloseStatus is { } s ? ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture) : "no close code")}); nothing was sent.");
            }

            if (Interlocked.Increment(ref _responses) > 1)
            {
                ResponsesClientDiagnostics.Reuses.Add(1);
            }

            long sentAt = Stopwatch.GetTimestamp();
            try
            {
                await _socket.SendTextAsync(payload, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketConnectionException or IOException or ObjectDisposedException)
            {
                throw ResponseInterruptedException.Create(null, 0, e);
            }

            Interlocked.Add(ref _bytesSent, payload.Length);
            ResponsesClientDiagnostics.BytesSent.Add(payload.Length);

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            int count = 0;
            string? responseId = null;
            while (true)
            {
                timeout.CancelAfter(count == 0 ? _options.FirstEventTimeout : _options.IdleTimeout);
                WebSocketReceivedMessage message;
                try
                {
                    message = await _socket.ReceiveAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw ResponseInterruptedException.Create(responseId, count, new TimeoutException(count == 0
                        ? "No event arrived within the first-event timeout."
                        : "No event arrived within the idle timeout."));
                }
                catch (Exception e) when (e is WebSocketConnectionException or WebSocketProtocolException or IOException or ObjectDisposedException)
                {
                    throw ResponseInterruptedException.Create(responseId, count, e);
                }

                // Disarmed while the caller handles the event, so a slow consumer is not mistaken for a silent server.
                timeout.CancelAfter(Timeout.InfiniteTimeSpan);
                if (message.IsClose)
                {
                    throw ResponseInterruptedException.Create(responseId, count, new ResponsesConnectionClosedException(message.CloseStatus,
                        $"The server closed the connection with {(int)message.CloseStatus}."));
                }

                if (!message.IsText)
                {
                    continue;
                }

                Interlocked.Add(ref _bytesReceived, message.Payload.Length);
                ResponsesClientDiagnostics.BytesReceived.Add(message.Payload.Length);

                // Owned: the payload buffer is reused by the next receive, and callers keep events across turns.
                ResponsesEvent item = ResponsesEventReader.Parse(message.Payload.Span);
                if (count++ == 0)
                {
                    ResponsesClientDiagnostics.TimeToFirstEvent.Record(Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds);
                }

                if (item is IResponseLifecycleEvent { Response.Id: { } id })
                {
                    responseId = id;
                }

                bool terminal = ResponsesTerminal.IsTerminal(item);
                finished = terminal;
                yield return item;
                if (terminal)
                {
                    yield break;
                }
            }
        }
        finally
        {
            if (!finished)
            {
                // Mid-response: unread events would precede the next response's, so the socket cannot be reused.
                await AbortAsync().ConfigureAwait(false);
            }

            _gate.Release();
        }
    }

    /// <summary>Closes with a close handshake (1000), waiting at most the transport's close timeout.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        if (IsOpen)
        {
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken).ConfigureAwait(false);
        }

        await DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Aborts the connection if it is open and releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        await AbortAsync().ConfigureAwait(false);
    }

    private async ValueTask AbortAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _socket.DisposeAsync().ConfigureAwait(false);
        }
    }

    public override string ToString() =>
        $"ResponsesConnection {{ Id = {Id}, Age = {Age}, IsOpen = {IsOpen}, Responses = {ResponseCount}, BytesSent = {BytesSent}, BytesReceived = {BytesReceived} }}";
}
