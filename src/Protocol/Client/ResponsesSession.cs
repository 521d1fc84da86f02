using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;
using ProtocolCore.Json;
using ProtocolCore.Models;
using ProtocolCore.Requests;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Client;

/// <summary>
/// One conversation (spec §1.6–1.7). It keeps every input and output item, chains <c>previous_response_id</c> and sends
/// only the new items when the request's other fields did not change, and otherwise (or on a fresh connection) sends
/// the full context. It rotates the connection before <see cref="ResponsesClientOptions.MaxConnectionAge"/>, reconnects
/// between turns after a close or <c>websocket_connection_limit_reached</c>, retries once with the full context on
/// <c>previous_response_not_found</c>, and never replays a request that may have started: that surfaces as
/// <see cref="ResponseInterruptedException"/>. Turns run one at a time; concurrent callers queue in call order.
/// </summary>
public sealed class ResponsesSession : IAsyncDisposable
{
    private const string PreviousResponseNotFound = "previous_response_not_found";
    private const string ConnectionLimitReached = "websocket_connection_limit_reached";

    private readonly ResponsesClientOptions _options;
    private readonly SemaphoreSlim _turnLock = new(1, 1);
    private readonly List<InputItem> _conversation = [];
    private readonly ResponsesConnectionPool? _pool;
    private readonly ResponsesConnection? _shared;
    private ResponsesConnection? _connection;
    private long _connectionSentBase;
    private bool _rentedHoldsLast;
    private long _connectionReceivedBase;
    private ResponsesHttpTransport? _http;
    private int _connectionGeneration;
    private string? _lastResponseId;
    private byte[]? _lastFingerprint;
    private int _lastGeneration = -1;
    private long _bytesSentClosed;
    private long _bytesReceivedClosed;

    /// <param name="options">Where to connect, and every timeout and limit.</param>
    /// <param name="template">
    /// The request's non-input fields (model, instructions, tools...). Each turn copies them; the caller may change them
    /// between turns, which makes the next request carry the full context. Its <c>input</c>, <c>previous_response_id</c>
    /// and <c>generate</c> are ignored.
    /// </param>
    /// <param name="mode">WebSocket mode (default) or HTTP mode.</param>
    public ResponsesSession(ResponsesClientOptions options, ResponseCreateRequest template, ResponsesTransportMode mode = ResponsesTransportMode.WebSocket)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(template);
        options.Validate();
        _options = options;
        Template = template;
        Mode = mode;
    }

    /// <summary>A WebSocket-mode session whose turns rent connections from <paramref name="pool"/>.</summary>
    public ResponsesSession(ResponsesConnectionPool pool, ResponseCreateRequest template)
        : this(pool?.Options!, template)
    {
        _pool = pool;
    }

    /// <summary>
    /// A WebSocket-mode session on a connection it shares with other sessions, each on its own <c>stream_id</c> lane
    /// (<see cref="ResponseCreateRequest.StreamId"/> of <paramref name="template"/>), so their turns run concurrently.
    /// The caller owns <paramref name="connection"/>: the session neither rotates, reconnects nor closes it, and once it
    /// is closed a turn throws <see cref="ResponsesConnectionClosedException"/>. The session's byte counts are the
    /// connection's during its turns, so they include other lanes' traffic that overlapped them.
    /// </summary>
    public ResponsesSession(ResponsesConnection connection, ResponseCreateRequest template)
        : this(connection?.Options!, template)
    {
        _shared = connection;
    }

    /// <summary>The options the session was created with.</summary>
    internal ResponsesClientOptions Options => _options;

    /// <summary>The non-input fields of every request.</summary>
    public ResponseCreateRequest Template { get; }

    /// <summary>The transport in use; WebSocket mode switches to HTTP mode when the upgrade is refused.</summary>
    public ResponsesTransportMode Mode { get; private set; }

    /// <summary>Every input and output item of the conversation so far (owned).</summary>
    public IReadOnlyList<InputItem> Conversation => _conversation;

    /// <summary>The last successful response's id.</summary>
    public string? LastResponseId => _lastResponseId;

    /// <summary>The current WebSocket connection, if one is open.</summary>
    public ResponsesConnection? Connection => _connection;

    /// <summary>The last finished turn's result.</summary>
    public ResponsesTurnResult? LastTurn { get; private set; }

    /// <summary>WebSocket connections opened (by this session; with a pool, see <see cref="ResponsesConnectionPool.Connects"/>).</summary>
    public int Connects { get; private set; }

    /// <summary>Connections replaced: rotations before the age limit plus reconnects after a close or a limit.</summary>
    public int Reconnects { get; private set; }

    /// <summary>Of <see cref="Reconnects"/>, the rotations before the age limit.</summary>
    public int Rotations { get; private set; }

    /// <summary>Request payload bytes sent over every transport this session used.</summary>
    public long BytesSent => _bytesSentClosed + (_connection is { } c ? c.BytesSent - _connectionSentBase : 0) + (_http?.BytesSent ?? 0);

    /// <summary>Event payload bytes received over every transport this session used.</summary>
    public long BytesReceived => _bytesReceivedClosed + (_connection is { } c ? c.BytesReceived - _connectionReceivedBase : 0) + (_http?.BytesReceived ?? 0);

    /// <summary>
    /// Runs one turn and yields its events (owned). <paramref name="newItems"/> are the items since the last turn (the
    /// user message, or the <c>function_call_output</c> items); they join the conversation when the turn succeeds.
    /// Cancelling mid-response closes the WebSocket, which loses its connection-local cache: the next turn reconnects
    /// and sends the full context.
    /// </summary>
    /// <exception cref="ResponsesApiException">The response ended with an <c>error</c> event (after it was yielded) that no retry fixed.</exception>
    /// <exception cref="ResponseInterruptedException">The connection dropped after the request was sent; it was not replayed.</exception>
    public IAsyncEnumerable<ResponsesEvent> RunTurnAsync(IEnumerable<InputItem> newItems, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newItems);
        return RunCoreAsync([.. newItems], generate: true, cancellationToken);
    }

    /// <summary>Runs one turn to its end and returns its result.</summary>
    public Task<ResponsesTurnResult> CompleteTurnAsync(IEnumerable<InputItem> newItems, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newItems);
        return DrainAsync(RunCoreAsync([.. newItems], generate: true, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="items"/> (say, the system prompt and tools) with <c>generate: false</c>: the server prepares
    /// the context without generating, so the first real turn chains from it and starts cached.
    /// </summary>
    public Task<ResponsesTurnResult> WarmUpAsync(IEnumerable<InputItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        return DrainAsync(RunCoreAsync([.. items], generate: false, cancellationToken), cancellationToken);
    }

    /// <summary>Closes the session's own connection (a close that fails is an abort). Never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_shared is not null)
        {
            // Not ours to close.
            _connection = null;
        }
        else if (_connection is { } connection)
        {
            _connection = null;
            try
            {
                await connection.CloseAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // CloseAsync releases the connection before it could throw; a failed goodbye is not the caller's problem.
            }
        }

        _http?.Dispose();
    }

    public override string ToString() =>
        $"ResponsesSession {{ Mode = {Mode}, Items = {_conversation.Count}, LastResponseId = {_lastResponseId}, Connects = {Connects}, Reconnects = {Reconnects}, BytesSent = {BytesSent}, BytesReceived = {BytesReceived} }}";

    private async Task<ResponsesTurnResult> DrainAsync(IAsyncEnumerable<ResponsesEvent> events, CancellationToken cancellationToken)
    {
        await foreach (ResponsesEvent _ in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
        }

        return LastTurn!;
    }

    private async IAsyncEnumerable<ResponsesEvent> RunCoreAsync(List<InputItem> newItems, bool generate, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ResponsesConnection.ValidateStreamId(Template.StreamId, nameof(Template));
        await _turnLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        using Activity? activity = ResponsesClientDiagnostics.ActivitySource.StartActivity("responses.turn");
        try
        {
            long turnStart = Stopwatch.GetTimestamp();
            long sentBefore = BytesSent;
            long receivedBefore = BytesReceived;
            bool forceFull = false;
            int retries = 0;
            int limitReconnects = 0;
            while (true)
            {
                IResponsesTransport transport = await EnsureTransportAsync(cancellationToken).ConfigureAwait(false);
                byte[] fingerprint = Fingerprint(Template);
                bool chain = !forceFull && CanChain(transport, fingerprint);
                ResponseCreateRequest request = BuildRequest(newItems, generate, chain);
                var result = new ResponsesTurnResult(Mode) { SentFullContext = !chain, Retries = retries };
                activity?.SetTag("protocolcore.mode", Mode == ResponsesTransportMode.WebSocket ? "websocket" : "http");
                activity?.SetTag("protocolcore.full_context", !chain);

                var output = new List<OutputItem>();
                bool started = false;
                string? retry = null;
                long sentAt = Stopwatch.GetTimestamp();
                await using IAsyncEnumerator<ResponsesEvent> events = transport.SendAsync(request, cancellationToken).GetAsyncEnumerator(cancellationToken);
                while (true)
                {
                    bool has;
                    try
                    {
                        has = await events.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (ResponsesConnectionClosedException) when (!started)
                    {
                        // Closed before anything was sent: reconnecting and sending is not a replay.
                        retry = "closed";
                        break;
                    }
                    catch (ResponsesApiException e) when (e.Code == PreviousResponseNotFound && chain && !started)
                    {
                        retry = PreviousResponseNotFound;
                        break;
                    }

                    if (!has)
                    {
                        break;
                    }

                    ResponsesEvent item = events.Current;
                    result.EventCount++;
                    if (result.EventCount == 1)
                    {
                        result.TimeToFirstEvent = Stopwatch.GetElapsedTime(sentAt);
                    }

                    if (item is ErrorEvent error && !started)
                    {
                        // An error before response.created: the request did not start, so sending again is safe.
                        string? code = ResponsesTerminal.ErrorCode(error);
                        if (code == PreviousResponseNotFound && chain)
                        {
                            retry = PreviousResponseNotFound;
                            break;
                        }

                        if (code == ConnectionLimitReached && limitReconnects < _options.MaxReconnectAttempts)
                        {
                            retry = ConnectionLimitReached;
                            break;
                        }
                    }

                    started |= item is ResponseCreatedEvent or ResponseQueuedEvent;
                    if (result.TimeToFirstDelta == TimeSpan.Zero && item.Type.EndsWith(".delta", StringComparison.Ordinal))
                    {
                        result.TimeToFirstDelta = Stopwatch.GetElapsedTime(sentAt);
                    }

                    if (item is OutputItemDoneEvent { Item: { } done })
                    {
                        output.Add(done);
                    }

                    ResponsesProtocolException? malformed = null;
                    if (ResponsesTerminal.IsTerminal(item))
                    {
                        result.TerminalEvent = item.Type;
                        malformed = Finish(result, item, output, newItems, fingerprint, turnStart, sentBefore, receivedBefore);
                    }

                    yield return item;
                    if (item is ErrorEvent terminalError)
                    {
                        throw ResponsesTerminal.ToException(terminalError, SecretRedactor.For(_options));
                    }

                    if (malformed is not null)
                    {
                        throw malformed;
                    }
                }

                if (retry is null)
                {
                    yield break;
                }

                retries++;
                switch (retry)
                {
                    case PreviousResponseNotFound:
                        if (forceFull)
                        {
                            throw new ResponsesApiException(PreviousResponseNotFound, "invalid_request_error", "previous_response_id", 400, "previous_response_not_found even with the full context.");
                        }

                        forceFull = true;
                        _lastResponseId = null;
                        break;
                    case ConnectionLimitReached:
                        limitReconnects++;
                        await DropConnectionAsync().ConfigureAwait(false);
                        await BackoffAsync(limitReconnects - 1, cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        if (++limitReconnects > _options.MaxReconnectAttempts)
                        {
                            throw new ResponsesConnectionClosedException(_connection?.CloseStatus, "The connection kept closing before the request could be sent.");
                        }

                        break;
                }
            }
        }
        finally
        {
            if (_pool is not null && _connection is { } rented)
            {
                // Back to the pool with the id its cache now holds (only if this turn's response lives on it).
                await ReleaseConnectionAsync(rented, discard: false, rented.Id == _lastGeneration ? _lastResponseId : null).ConfigureAwait(false);
            }

            _turnLock.Release();
        }
    }

    /// <summary>
    /// Records the turn's result and, for a successful end, adds its items to the conversation. Returns the error to
    /// throw (after the event was yielded) when a successful end lacks the response or its id: the items could not be
    /// chained from, and taking the turn as done would silently drop them from the next request's context.
    /// </summary>
    private ResponsesProtocolException? Finish(ResponsesTurnResult result, ResponsesEvent terminal, List<OutputItem> streamed, List<InputItem> newItems, byte[] fingerprint, long turnStart, long sentBefore, long receivedBefore)
    {
        Response? response = (terminal as IResponseLifecycleEvent)?.Response;
        List<OutputItem> output = response?.Output is { Count: > 0 } final ? final : streamed;
        var calls = new List<FunctionCall>();
        foreach (OutputItem item in output)
        {
            if (item is FunctionCall call)
            {
                calls.Add(call);
            }
        }

        result.Response = response;
        result.ResponseId = response?.Id;
        result.Output = output;
        result.FunctionCalls = calls;
        result.Duration = Stopwatch.GetElapsedTime(turnStart);
        result.BytesSent = BytesSent - sentBefore;
        result.BytesReceived = BytesReceived - receivedBefore;
        LastTurn = result;

        if (terminal is not (ResponseCompletedEvent or ResponseDoneEvent or ResponseIncompleteEvent))
        {
            // After response.failed the chain stays on the last successful response: if the server evicted it, the next
            // turn's previous_response_not_found costs one error message and is answered with the full context.
            return null;
        }

        if (response?.Id is not { Length: > 0 } id)
        {
            // The conversation stays at the last successful turn, as after response.failed.
            return new ResponsesProtocolException(response is null
                ? $"The server sent {terminal.Type} without its response; the turn's items were not added to the conversation."
                : $"The server sent {terminal.Type} whose response has no id; the turn's items were not added to the conversation.");
        }

        _conversation.AddRange(newItems);
        foreach (OutputItem item in output)
        {
            _conversation.Add(ToInput(item));
        }

        _lastResponseId = id;
        _lastFingerprint = fingerprint;
        _lastGeneration = _connectionGeneration;
        return null;
    }

    private bool CanChain(IResponsesTransport transport, byte[] fingerprint)
    {
        if (_lastResponseId is null || _lastFingerprint is null || !fingerprint.AsSpan().SequenceEqual(_lastFingerprint))
        {
            return false;
        }

        // The connection-local cache lives and dies with one socket; the persisted store needs store=true.
        bool stored = Template.Store == true;
        // A pooled socket may have run another session's turn since: its single cache slot no longer holds ours.
        bool cached = _lastGeneration == _connectionGeneration && (_pool is null || _rentedHoldsLast);
        return transport.HasConnectionCache ? cached || stored : stored;
    }

    /// <summary>
    /// The turn's request: the template as it is now, every member (so a member added to the model is never dropped
    /// here), with this turn's input, chaining and <c>generate</c>.
    /// </summary>
    internal ResponseCreateRequest BuildRequest(List<InputItem> newItems, bool generate, bool chain)
    {
        ResponseCreateRequest request = Template.ShallowCopy();
        request.Input = chain ? newItems : [.. _conversation, .. newItems];
        request.PreviousResponseId = chain ? _lastResponseId : null;
        request.Generate = generate ? Template.Generate is false ? null : Template.Generate : false;
        return request;
    }

    /// <summary>The JSON of the fields that must not change for a continuation to send only new items (Codex's rule).</summary>
    private static byte[] Fingerprint(ResponseCreateRequest t) => ProtocolJson.ToUtf8Bytes(new ResponseCreateRequest
    {
        Model = t.Model,
        Instructions = t.Instructions,
        Tools = t.Tools,
        ToolChoice = t.ToolChoice,
        ParallelToolCalls = t.ParallelToolCalls,
        Reasoning = t.Reasoning,
        Store = t.Store,
        Include = t.Include,
        ServiceTier = t.ServiceTier,
        PromptCacheKey = t.PromptCacheKey,
        Text = t.Text,
    });

    /// <summary>An output item replays as itself: every output item is an input item (owned, as the turn received it).</summary>
    private static InputItem ToInput(OutputItem item) => item;

    private async Task<IResponsesTransport> EnsureTransportAsync(CancellationToken cancellationToken)
    {
        if (Mode == ResponsesTransportMode.Http)
        {
            return _http ??= new ResponsesHttpTransport(_options);
        }

        if (_pool is not null)
        {
            return await RentAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_shared is not null)
        {
            if (!_shared.IsOpen)
            {
                throw new ResponsesConnectionClosedException(_shared.CloseStatus, "The shared connection is closed; nothing was sent. Open a new connection for a new session.");
            }

            if (_connection is null)
            {
                Attach(_shared);
                Connects++;
            }

            return _shared;
        }

        if (_connection is { } current)
        {
            if (current.IsOpen && current.Age < _options.MaxConnectionAge)
            {
                return current;
            }

            bool rotation = current.IsOpen;
            WebSocketCloseStatus? status = current.CloseStatus;
            await DropConnectionAsync().ConfigureAwait(false);
            if (rotation)
            {
                Rotations++;
            }
            else if (status is { } code && IsRecoverable(code))
            {
                await BackoffAsync(0, cancellationToken).ConfigureAwait(false);
            }
        }

        return await ConnectWithRetriesAsync(OpenOwnConnectionAsync, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ResponsesConnection> OpenOwnConnectionAsync(CancellationToken cancellationToken)
    {
        ResponsesConnection connection = await ResponsesConnection.ConnectAsync(_options, cancellationToken).ConfigureAwait(false);
        if (Connects++ > 0)
        {
            Reconnects++;
            ResponsesClientDiagnostics.Reconnects.Add(1);
        }

        return connection;
    }

    private async Task<ResponsesConnection> RentFromPoolAsync(CancellationToken cancellationToken)
    {
        (ResponsesConnection connection, _rentedHoldsLast) = await _pool!.RentAsync(_lastResponseId, cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>Makes <paramref name="connection"/> the session's current one; its byte counts so far are not this session's.</summary>
    private void Attach(ResponsesConnection connection)
    {
        _connection = connection;
        _connectionGeneration = connection.Id;
        _connectionSentBase = connection.BytesSent;
        _connectionReceivedBase = connection.BytesReceived;
    }

    /// <summary>
    /// The one policy for opening a connection, the session's own or a pool's: backoff between failed attempts (up to
    /// <see cref="ResponsesClientOptions.MaxReconnectAttempts"/> retries), HTTP mode after a 426 or after the last
    /// attempt when <see cref="ResponsesClientOptions.AllowHttpFallback"/> is on, a refused key (401, 403) at once.
    /// </summary>
    private async Task<IResponsesTransport> ConnectWithRetriesAsync(Func<CancellationToken, Task<ResponsesConnection>> open, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                ResponsesConnection connection = await open(cancellationToken).ConfigureAwait(false);
                Attach(connection);
                return connection;
            }
            catch (WebSocketHandshakeException e) when (e.StatusCode == 426 && _options.AllowHttpFallback)
            {
                return FallBackToHttp();
            }
            catch (WebSocketHandshakeException e) when (e.StatusCode is 401 or 403)
            {
                throw;
            }
            catch (Exception e) when (e is WebSocketHandshakeException or WebSocketConnectionException or IOException or SocketException or TimeoutException or HttpRequestException)
            {
                if (attempt >= _options.MaxReconnectAttempts)
                {
                    if (_options.AllowHttpFallback)
                    {
                        return FallBackToHttp();
                    }

                    if (e is ProtocolCoreException)
                    {
                        throw;
                    }

                    // The transport types its own failures; this keeps anything it missed inside the library's family.
                    throw new WebSocketConnectionException(WebSocketConnectionError.ConnectFailed, "The connection could not be established: " + e.Message, e);
                }

                await BackoffAsync(attempt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private ResponsesHttpTransport FallBackToHttp()
    {
        Mode = ResponsesTransportMode.Http;
        return _http ??= new ResponsesHttpTransport(_options);
    }

    private async Task DropConnectionAsync()
    {
        if (_connection is { } connection)
        {
            await ReleaseConnectionAsync(connection, discard: true, null).ConfigureAwait(false);
        }
    }

    /// <summary>Books the connection's bytes to this session and disposes it, or hands it back to the pool.</summary>
    private async ValueTask ReleaseConnectionAsync(ResponsesConnection connection, bool discard, string? lastResponseId)
    {
        _connection = null;
        _bytesSentClosed += connection.BytesSent - _connectionSentBase;
        _bytesReceivedClosed += connection.BytesReceived - _connectionReceivedBase;
        if (_pool is not null)
        {
            await _pool.ReturnAsync(connection, lastResponseId, discard).ConfigureAwait(false);
        }
        else if (connection == _shared)
        {
            // The owner decides when a shared connection goes; this session stops using it.
        }
        else
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<IResponsesTransport> RentAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } held)
        {
            // Still rented: a retry within the turn.
            if (held.IsOpen)
            {
                return held;
            }

            await DropConnectionAsync().ConfigureAwait(false);
        }

        // A pooled connection that fails to open is retried like the session's own.
        return await ConnectWithRetriesAsync(RentFromPoolAsync, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Capped exponential backoff with jitter (50–100% of the step), so many clients do not reconnect in lockstep.</summary>
    private Task BackoffAsync(int attempt, CancellationToken cancellationToken)
    {
        double step = Math.Min(_options.ReconnectMaxDelay.TotalMilliseconds, _options.ReconnectBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        double delay = step * (0.5 + (Random.Shared.NextDouble() * 0.5));
        return delay <= 0 ? Task.CompletedTask : Task.Delay(TimeSpan.FromMilliseconds(delay), cancellationToken);
    }

    /// <summary>Close codes after which reconnecting is expected to work (spec §1.7).</summary>
    public static bool IsRecoverable(WebSocketCloseStatus status) => status is WebSocketCloseStatus.GoingAway or WebSocketCloseStatus.NoStatusReceived
        or WebSocketCloseStatus.AbnormalClosure or WebSocketCloseStatus.InternalError or WebSocketCloseStatus.ServiceRestart
        or WebSocketCloseStatus.TryAgainLater or WebSocketCloseStatus.TlsHandshakeFailure;
}
