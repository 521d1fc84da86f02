using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;
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
/// <remarks>
/// The session composes two parts and owns the retries between them: the chain state (<see cref="ConversationChain"/>:
/// the items, the response to chain from and where it lives, the incremental-or-full rule) and the transport strategy
/// (<see cref="ISessionTransport"/>: its own socket, a pool's, a lane of a shared one, or HTTP mode). Each attempt of
/// a turn ends in a <see cref="TurnAttemptOutcome"/>; only outcomes of a request the server did not start are retried.
/// </remarks>
public sealed partial class ResponsesSession : IAsyncDisposable
{
    private const string ConnectionLimitReached = "websocket_connection_limit_reached";

    private readonly ResponsesClientOptions _options;
    private readonly SemaphoreSlim _turnLock = new(1, 1);
    private readonly ConversationChain _chain = new();
    private readonly SessionTraffic _traffic = new();
    private readonly TurnSteering _steering;

    /// <summary>The attempt in progress: turns run one at a time (under <see cref="_turnLock"/>), so one instance serves them all.</summary>
    private readonly TurnAttempt _attempt = new();

    /// <summary>
    /// The attempt's request, filled from the template each time: a transport serializes it when the attempt's first
    /// event is asked for and keeps no reference, so one object serves every attempt of every turn.
    /// </summary>
    private readonly ResponseCreateRequest _request = new();
    private ISessionTransport _transport;

    /// <param name="options">Where to connect, and every timeout and limit.</param>
    /// <param name="template">
    /// The request's non-input fields (model, instructions, tools...). Each turn copies them; the caller may change them
    /// between turns, which makes the next request carry the full context. Its <c>input</c>, <c>previous_response_id</c>
    /// and <c>generate</c> are ignored.
    /// </param>
    /// <param name="mode">WebSocket mode (default) or HTTP mode.</param>
    public ResponsesSession(ResponsesClientOptions options, ResponseCreateRequest template, ResponsesTransportMode mode = ResponsesTransportMode.WebSocket)
        : this(options, template, mode == ResponsesTransportMode.Http
            ? static (sessionOptions, traffic) => new HttpSessionTransport(sessionOptions, traffic)
            : static (sessionOptions, traffic) => new OwnConnectionTransport(sessionOptions, traffic))
    {
    }

    /// <summary>A WebSocket-mode session whose turns rent connections from <paramref name="pool"/>.</summary>
    public ResponsesSession(ResponsesConnectionPool pool, ResponseCreateRequest template)
        : this(pool?.Options!, template, (_, traffic) => new PooledConnectionTransport(pool!, traffic))
    {
    }

    /// <summary>
    /// A WebSocket-mode session on a connection it shares with other sessions, each on its own <c>stream_id</c> lane
    /// (<see cref="ResponseCreateRequest.StreamId"/> of <paramref name="template"/>), so their turns run concurrently.
    /// The caller owns <paramref name="connection"/>: the session neither rotates, reconnects nor closes it, and once it
    /// is closed a turn throws <see cref="ResponsesConnectionClosedException"/>. The session's byte counts are the
    /// connection's during its turns, so they include other lanes' traffic that overlapped them.
    /// </summary>
    public ResponsesSession(ResponsesConnection connection, ResponseCreateRequest template)
        : this(connection?.Options!, template, (_, traffic) => new SharedLaneTransport(connection!, traffic))
    {
    }

    /// <param name="options">The options (a pool's or a shared connection's for those); null when that was null.</param>
    /// <param name="template">The request's non-input fields.</param>
    /// <param name="transport">The transport strategy, created once the arguments are checked.</param>
    private ResponsesSession(ResponsesClientOptions options, ResponseCreateRequest template, Func<ResponsesClientOptions, SessionTraffic, ISessionTransport> transport)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(template);
        options.Validate();
        _options = options;
        Template = template;
        _transport = transport(options, _traffic);
        _steering = new TurnSteering(SecretRedactor.For(options));
    }

    /// <summary>The options the session was created with.</summary>
    internal ResponsesClientOptions Options => _options;

    /// <summary>The non-input fields of every request.</summary>
    public ResponseCreateRequest Template { get; }

    /// <summary>The transport in use; WebSocket mode switches to HTTP mode when the upgrade is refused.</summary>
    public ResponsesTransportMode Mode => _transport.Mode;

    /// <summary>Every input and output item of the conversation so far (owned; an item a view turn kept as JSON is decoded when first read here).</summary>
    public IReadOnlyList<InputItem> Conversation => _chain.Presented;

    /// <summary>The last successful response's id.</summary>
    public string? LastResponseId => _chain.Anchor?.ResponseId;

    /// <summary>The current WebSocket connection, if one is open.</summary>
    public ResponsesConnection? Connection => _traffic.Connection;

    /// <summary>The last finished turn's result.</summary>
    public ResponsesTurnResult? LastTurn { get; private set; }

    /// <summary>WebSocket connections opened (by this session; with a pool, see <see cref="ResponsesConnectionPool.Connects"/>).</summary>
    public int Connects => _traffic.Connects;

    /// <summary>Connections replaced: rotations before the age limit plus reconnects after a close or a limit.</summary>
    public int Reconnects => _traffic.Reconnects;

    /// <summary>Of <see cref="Reconnects"/>, the rotations before the age limit.</summary>
    public int Rotations => _traffic.Rotations;

    /// <summary>Request payload bytes sent over every transport this session used.</summary>
    public long BytesSent => _traffic.BytesSent;

    /// <summary>Event payload bytes received over every transport this session used.</summary>
    public long BytesReceived => _traffic.BytesReceived;

    /// <summary>
    /// Runs one turn and yields its events (owned). <paramref name="newItems"/> are the items since the last turn (the
    /// user message, or the <c>function_call_output</c> items); they join the conversation when the turn succeeds.
    /// Cancelling mid-response closes the WebSocket, which loses its connection-local cache: the next turn reconnects
    /// and sends the full context. The turn runs when the sequence is enumerated, once (a second enumeration throws
    /// <see cref="InvalidOperationException"/>: call again for another turn).
    /// </summary>
    /// <exception cref="ResponsesApiException">The response ended with an <c>error</c> event (after it was yielded) that no retry fixed.</exception>
    /// <exception cref="ResponseInterruptedException">The connection dropped after the request was sent; it was not replayed.</exception>
    public IAsyncEnumerable<ResponsesEvent> RunTurnAsync(IEnumerable<InputItem> newItems, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newItems);
        return TurnTelemetry.Observe(this, StartTurn(newItems, generate: true, views: false, cancellationToken), cancellationToken);
    }

    /// <summary>Runs one turn to its end and returns its result.</summary>
    public Task<ResponsesTurnResult> CompleteTurnAsync(IEnumerable<InputItem> newItems, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newItems);
        return DrainAsync(TurnTelemetry.Observe(this, StartTurn(newItems, generate: true, views: false, cancellationToken), cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="items"/> (say, the system prompt and tools) with <c>generate: false</c>: the server prepares
    /// the context without generating, so the first real turn chains from it and starts cached.
    /// </summary>
    public Task<ResponsesTurnResult> WarmUpAsync(IEnumerable<InputItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        return DrainAsync(TurnTelemetry.Observe(this, StartTurn(items, generate: false, views: false, cancellationToken), cancellationToken), cancellationToken);
    }

    /// <summary>Closes the session's own connection (a close that fails is an abort). Never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        await _transport.DisposeAsync().ConfigureAwait(false);
        _traffic.Http?.Dispose(); // Also used for a turn too large for the socket (disposing twice is harmless).
    }

    /// <summary>
    /// A one-line summary for logs: mode, conversation length, last response id, connects, reconnects and bytes. Never
    /// includes credentials or conversation content.
    /// </summary>
    public override string ToString() =>
        $"ResponsesSession {{ Mode = {Mode}, Items = {_chain.Items.Count}, LastResponseId = {LastResponseId}, Connects = {Connects}, Reconnects = {Reconnects}, BytesSent = {BytesSent}, BytesReceived = {BytesReceived} }}";

    private async Task<ResponsesTurnResult> DrainAsync(IAsyncEnumerable<ResponsesEvent> events, CancellationToken cancellationToken)
    {
        await foreach (ResponsesEvent _ in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
        }

        return LastTurn!;
    }

    /// <summary>
    /// The retry an <c>error</c> event before <c>response.created</c> calls for, if any: <c>previous_response_not_found</c>
    /// on a chained request, or the connection limit while reconnects are left.
    /// </summary>
    private TurnAttemptOutcome? RetryFor(ErrorEvent error, ChainPlan plan, int reconnects) => ResponsesTerminal.ErrorCode(error) switch
    {
        ConversationChain.PreviousResponseNotFound when ConversationChain.CanRecoverFromNotFound(plan) => TurnAttemptOutcome.PreviousResponseNotFound,
        ConnectionLimitReached when reconnects < _options.MaxReconnectAttempts => TurnAttemptOutcome.ConnectionLimitReached,
        _ => null,
    };

    /// <summary>The wire for the next attempt; when WebSocket mode is out of reach and fallback is on, from here on HTTP mode's.</summary>
    private async ValueTask<TurnWire> AcquireWireAsync(CancellationToken cancellationToken)
    {
        if (await _transport.AcquireAsync(Template.StreamId, _chain.Anchor?.ResponseId, cancellationToken).ConfigureAwait(false) is { } wire)
        {
            return wire;
        }

        ISessionTransport webSocket = _transport;
        _transport = new HttpSessionTransport(_options, _traffic);
        await webSocket.DisposeAsync().ConfigureAwait(false);
        return (await _transport.AcquireAsync(Template.StreamId, null, cancellationToken).ConfigureAwait(false))!.Value;
    }

    /// <summary>
    /// Ends the turn at its terminal event: fills in the result and has the chain state record the turn. Returns the
    /// error to throw (after the event was yielded) when a successful end lacks the response or its id: the items could
    /// not be chained from, and taking the turn as done would silently drop them from the next request's context.
    /// </summary>
    private ResponsesProtocolException? Finish(TurnAttempt attempt, ResponsesEvent terminal, TurnStart start, IResponsesTransport transport)
    {
        attempt.End(terminal);
        ResponsesTurnResult result = attempt.Result;
        result.ServerHeaders = transport.ServerHeaders;
        result.Duration = Stopwatch.GetElapsedTime(start.Timestamp);
        result.BytesSent = BytesSent - start.BytesSent;
        result.BytesReceived = BytesReceived - start.BytesReceived;
        LastTurn = result;

        ChainCommit commit = _chain.Commit(attempt.Plan, attempt.NewItems, terminal, result.KeptOutput);
        if (commit == ChainCommit.Committed)
        {
            _chain.Append(_steering.TakeInjected());
        }

        return commit switch
        {
            ChainCommit.MissingResponse => new ResponsesProtocolException($"The server sent {terminal.Type} without its response; the turn's items were not added to the conversation."),
            ChainCommit.MissingResponseId => new ResponsesProtocolException($"The server sent {terminal.Type} whose response has no id; the turn's items were not added to the conversation."),
            _ => null,
        };
    }

    /// <summary>When a turn began, and the session's byte counts then (a turn's figures include every attempt and any connect).</summary>
    private readonly record struct TurnStart(long Timestamp, long BytesSent, long BytesReceived);

    /// <summary>Close codes after which reconnecting is expected to work (spec §1.7).</summary>
    public static bool IsRecoverable(WebSocketCloseCode status) => status is WebSocketCloseCode.GoingAway or WebSocketCloseCode.NoStatusReceived
        or WebSocketCloseCode.AbnormalClosure or WebSocketCloseCode.InternalError or WebSocketCloseCode.ServiceRestart
        or WebSocketCloseCode.TryAgainLater or WebSocketCloseCode.TlsHandshakeFailure;
}
