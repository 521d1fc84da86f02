using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;
using ProtocolCore.Requests;

namespace ProtocolCore.Emulator;

/// <summary>
/// One accepted WebSocket connection: reads client messages, queues <c>response.create</c>s per lane (FIFO, one in
/// flight per lane, at most <see cref="EmulatorOptions.MaxInFlightPerConnection"/> across lanes), keeps each lane's
/// single-slot cache, and enforces the connection age limit. Everything it caches dies with it.
/// </summary>
internal sealed class WebSocketSession : IDisposable
{
    private const int MaxStreamIdLength = 256;

    private readonly ResponseEngine _engine;
    private readonly WebSocket _socket;
    private readonly WebSocketEventSink _sink;
    private readonly EmulatorFaults _connectionFaults;
    private readonly SemaphoreSlim _inFlight;
    private readonly CancellationTokenSource _work = new();
    private readonly Lock _lock = new();
    private readonly ResponseLane _defaultLane = new(null);
    private readonly Dictionary<string, ResponseLane> _namedLanes = new(StringComparer.Ordinal);
    private readonly SteerHandler _steering;

    /// <summary>Requests holding an in-flight slot now (for <see cref="EmulatorCounters.PeakResponsesInFlight"/>).</summary>
    private long _running;

    public WebSocketSession(ResponseEngine engine, WebSocket socket, EmulatorFaults connectionFaults, bool multiAgentBeta = false)
    {
        _engine = engine;
        _socket = socket;
        _sink = new WebSocketEventSink(socket);
        _connectionFaults = connectionFaults;
        _inFlight = new SemaphoreSlim(engine.Options.MaxInFlightPerConnection);
        _steering = new SteerHandler(engine, _sink, multiAgentBeta);
    }

    public async Task RunAsync(CancellationToken serverStopping)
    {
        // Cancelled when the session ends, so the age timer does not outlive a short connection.
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(serverStopping);
        try
        {
            await RunAsync(lifetime.Token, serverStopping).ConfigureAwait(false);
        }
        finally
        {
            await lifetime.CancelAsync().ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _sink.Dispose();
        _inFlight.Dispose();
        _work.Dispose();
    }

    private async Task RunAsync(CancellationToken lifetime, CancellationToken serverStopping)
    {
        _defaultLane.Worker = RunLaneAsync(_defaultLane);

        // The receive loop never gets a token: cancelling a WebSocket receive aborts the connection, and the
        // shutdowns below must still be able to send an error and a close frame.
        Task receive = ReceiveLoopAsync();
        Task shutdown = Task.Delay(_engine.Options.ConnectionAgeLimit, lifetime);
        Task first = await Task.WhenAny(receive, shutdown, _sink.Abandoned).ConfigureAwait(false);

        await _work.CancelAsync().ConfigureAwait(false);
        await WaitForLanesAsync().ConfigureAwait(false);

        if (first == _sink.Abandoned)
        {
            // The abrupt-close fault: leave without a close frame. Kestrel flushes what was sent and drops the
            // connection when the request ends, so the client reads every event and then sees 1006. (Aborting the
            // socket or the HttpContext instead resets the connection and can discard events not yet read.)
            return;
        }

        if (first == receive)
        {
            if (_socket.State == WebSocketState.CloseReceived)
            {
                await TryAsync(_sink.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "")).ConfigureAwait(false);
            }

            return;
        }

        if (!serverStopping.IsCancellationRequested)
        {
            // The age limit: tell the client why, then close (a response in flight is abandoned).
            await TryAsync(_sink.SendAsync(EmulatorErrors.ConnectionLimitReached(_engine.Options.ConnectionAgeLimit), CancellationToken.None).AsTask()).ConfigureAwait(false);
            await TryAsync(_sink.CloseOutputAsync(_engine.Options.AgeLimitCloseStatus, "connection age limit reached")).ConfigureAwait(false);
        }
        else
        {
            await TryAsync(_sink.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "server stopping")).ConfigureAwait(false);
        }

        // Give the client a moment to answer the close; then drop the connection.
        if (await Task.WhenAny(receive, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None)).ConfigureAwait(false) != receive)
        {
            _socket.Abort();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var message = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (true)
            {
                ValueWebSocketReceiveResult result = await _socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (message.WrittenCount + result.Count > _engine.Options.MaxMessageBytes)
                {
                    _engine.Counters.MessageTooLarge();
                    await _sink.SendAsync(EmulatorErrors.InvalidRequest("message_too_large", $"A client message may not exceed {_engine.Options.MaxMessageBytes} bytes.", null, null), CancellationToken.None).ConfigureAwait(false);
                    await _sink.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, "message too large").ConfigureAwait(false);
                    return;
                }

                message.Write(buffer.AsSpan(0, result.Count));
                if (!result.EndOfMessage)
                {
                    continue;
                }

                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    await _sink.SendAsync(EmulatorErrors.InvalidRequest("invalid_message_type", "Client events must be sent as text messages (one JSON object each).", null, null), CancellationToken.None).ConfigureAwait(false);
                }
                else
                {
                    await HandleMessageAsync(message.WrittenMemory).ConfigureAwait(false);
                }

                message = message.WrittenCount > 1024 * 1024 ? new ArrayBufferWriter<byte>(16 * 1024) : message;
                message.ResetWrittenCount();
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away (or the abrupt-close fault dropped it): nothing left to answer.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task HandleMessageAsync(ReadOnlyMemory<byte> utf8)
    {
        if (!RequestDecoder.TryReadType(utf8.Span, out string? type, out string? error))
        {
            await SendAsync(EmulatorErrors.InvalidRequest("invalid_json", error!, null, null)).ConfigureAwait(false);
            return;
        }

        if (type == "response.steer" || (type == "response.inject" && _steering.MultiAgentBeta))
        {
            await (type == "response.steer" ? _steering.HandleSteerAsync(utf8) : _steering.HandleInjectAsync(utf8)).ConfigureAwait(false);
            return;
        }

        if (type != "response.create")
        {
            string message = type is null
                ? "The client event has no 'type'; the only supported type is 'response.create'."
                : $"Unsupported client event type '{type}'; the only supported type is 'response.create'.";
            await SendAsync(EmulatorErrors.InvalidRequest("unknown_event_type", message, "type", null)).ConfigureAwait(false);
            return;
        }

        if (!RequestDecoder.TryDecode(utf8, out ResponseCreateRequest? request, out error))
        {
            await SendAsync(EmulatorErrors.InvalidRequest("invalid_request", error!, null, null)).ConfigureAwait(false);
            return;
        }

        ResponseLane? lane = await SelectLaneAsync(request!).ConfigureAwait(false);
        lane?.Queue.Writer.TryWrite(request!);
    }

    /// <summary>The lane of a request, created on first use; null (after an error was sent) when the stream_id is refused.</summary>
    private async Task<ResponseLane?> SelectLaneAsync(ResponseCreateRequest request)
    {
        string? streamId = request.StreamId;
        if (streamId is null)
        {
            return _defaultLane;
        }

        if (!IsValidStreamId(streamId))
        {
            await SendAsync(EmulatorErrors.InvalidRequest(
                "invalid_stream_id",
                "The 'stream_id' field must be a non-empty string with at most 256 characters and may only contain letters, numbers, underscores, hyphens, and periods.",
                "stream_id",
                null)).ConfigureAwait(false);
            return null;
        }

        ResponseLane? lane;
        lock (_lock)
        {
            if (!_namedLanes.TryGetValue(streamId, out lane) && _namedLanes.Count < _engine.Options.MaxNamedLanes)
            {
                lane = new ResponseLane(streamId);
                _namedLanes.Add(streamId, lane);
                lane.Worker = RunLaneAsync(lane);
            }
        }

        if (lane is null)
        {
            _engine.Counters.LaneLimitReached();
            await SendAsync(EmulatorErrors.InvalidRequest(
                "websocket_stream_limit_reached",
                $"This WebSocket connection has reached its maximum number of distinct stream IDs ({_engine.Options.MaxNamedLanes}). Reuse an existing stream_id or open a new WebSocket connection.",
                "stream_id",
                streamId)).ConfigureAwait(false);
        }

        return lane;
    }

    private async Task RunLaneAsync(ResponseLane lane)
    {
        CancellationToken cancellationToken = _work.Token;
        try
        {
            await foreach (ResponseCreateRequest request in lane.Queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
                _engine.Counters.InFlight(Interlocked.Increment(ref _running));
                try
                {
                    if (!await ProcessAsync(lane, request, cancellationToken).ConfigureAwait(false))
                    {
                        return;
                    }
                }
                finally
                {
                    Interlocked.Decrement(ref _running);
                    _inFlight.Release();
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
            // The connection is closing: queued requests are dropped with it.
        }
    }

    /// <summary>Runs one request of a lane; false when the connection was dropped and the lane must stop.</summary>
    private async Task<bool> ProcessAsync(ResponseLane lane, ResponseCreateRequest request, CancellationToken cancellationToken)
    {
        string? previousId = request.PreviousResponseId;
        string? rejection = null;
        string? param = null;
        if (!_engine.TryResolveFaults(request, _connectionFaults, out EmulatorFaults faults, out string? faultError))
        {
            (rejection, param) = (faultError, "metadata." + EmulatorFaults.Key);
        }
        else if (request.Background == true)
        {
            (rejection, param) = ("'background' is not supported over WebSocket.", "background");
        }
        else if (previousId is not null && request.Conversation is not null)
        {
            (rejection, param) = ("'previous_response_id' cannot be used together with 'conversation'.", "previous_response_id");
        }

        if (rejection is not null)
        {
            Evict(lane, previousId);
            await _sink.SendAsync(EmulatorErrors.InvalidRequest("invalid_request", rejection, param, lane.StreamId), cancellationToken).ConfigureAwait(false);
            return true;
        }

        ConversationContext? previous = null;
        ContextSource source = ContextSource.NewChain;
        if (previousId is not null)
        {
            if (TryFindCached(lane, previousId, out previous))
            {
                source = ContextSource.ConnectionCache;
            }
            else if (request.Store != false && _engine.TryGetPersisted(previousId, out previous))
            {
                source = ContextSource.PersistedStore;
            }
            else
            {
                _engine.Counters.NotFound();
                await _sink.SendAsync(EmulatorErrors.PreviousResponseNotFound(previousId, lane.StreamId), cancellationToken).ConfigureAwait(false);
                return true;
            }
        }

        _engine.Counters.ContextResolved(source);
        var runner = new ResponseRunner(_engine, request, _sink, faults, _steering) { CommitSucceeded = (id, context) => Commit(lane, request, id, context) };
        RunResult result = await runner.RunAsync(previous, source, cancellationToken).ConfigureAwait(false);
        result = await _steering.RunSuccessorsAsync(request, runner, faults, result, cancellationToken).ConfigureAwait(false);
        switch (result.Outcome)
        {
            case RunOutcome.Succeeded:
                // Cached already, before its terminal event went out (ResponseRunner.CommitSucceeded).
                return true;
            case RunOutcome.Failed:
                Evict(lane, previousId);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// A successful response replaces its lane's slot (and is persisted unless <c>store=false</c>), before its terminal
    /// event is sent: a fork on another lane that chains from it as soon as the client reads that event must find it.
    /// </summary>
    private void Commit(ResponseLane lane, ResponseCreateRequest request, string id, ConversationContext context)
    {
        lock (_lock)
        {
            lane.Slot = new StoredResponse(id, context);
        }

        if (request.Store != false)
        {
            _engine.Persist(id, context);
        }
    }

    /// <summary>The lane's own slot, or another lane's (a cross-lane fork of a cached parent).</summary>
    private bool TryFindCached(ResponseLane lane, string id, out ConversationContext? context)
    {
        lock (_lock)
        {
            if (lane.Slot is { } own && own.Id == id)
            {
                context = own.Context;
                return true;
            }

            if (_defaultLane.Slot is { } main && main.Id == id)
            {
                context = main.Context;
                return true;
            }

            foreach (ResponseLane other in _namedLanes.Values)
            {
                if (other.Slot is { } slot && slot.Id == id)
                {
                    context = slot.Context;
                    return true;
                }
            }
        }

        context = null;
        return false;
    }

    /// <summary>A failed continuation evicts its parent from its own lane; a cross-lane fork leaves the parent cached.</summary>
    private void Evict(ResponseLane lane, string? previousId)
    {
        if (previousId is null)
        {
            return;
        }

        lock (_lock)
        {
            if (lane.Slot?.Id == previousId)
            {
                lane.Slot = null;
            }
        }
    }

    private async Task WaitForLanesAsync()
    {
        var workers = new List<Task> { _defaultLane.Worker };
        lock (_lock)
        {
            foreach (ResponseLane lane in _namedLanes.Values)
            {
                workers.Add(lane.Worker);
            }
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    private Task SendAsync(ResponsesEvent value) => _sink.SendAsync(value, CancellationToken.None).AsTask();

    private static async Task TryAsync(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client is already gone.
        }
    }

    private static bool IsValidStreamId(string value)
    {
        if (value.Length is 0 or > MaxStreamIdLength)
        {
            return false;
        }

        foreach (char c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
