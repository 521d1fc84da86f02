using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using ProtocolCore.Client;
using ProtocolCore.Events;
using ProtocolCore.Json;
using ProtocolCore.Models;
using ProtocolCore.Requests;
using ProtocolCore.Sse;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Native;

/// <summary>
/// A <see cref="ResponsesSession"/> behind <c>pc_session_*</c>: <see cref="Send"/> starts a turn on a background task
/// that feeds a bounded channel, <see cref="Next"/> pulls from it with a timeout. Chaining, rotation and recovery are
/// the session's own. One caller thread at a time (the header's rule), except <see cref="Cancel"/>, which any thread
/// may call while another waits in <see cref="Next"/>; the background task only writes the channel.
/// </summary>
internal sealed class NativeSession : IDisposable
{
    /// <summary>Events buffered ahead of the caller; a slow caller then holds the turn back (and the idle timer covers only the server).</summary>
    private const int QueueCapacity = 256;

    /// <summary>How long close waits for the cancelled turn and the WebSocket close handshake.</summary>
    private static readonly TimeSpan s_closeTimeout = TimeSpan.FromSeconds(5);

    private readonly ResponsesClientOptions _options;
    private readonly ResponsesTransportMode _mode;
    private readonly SecretRedactor _redactor;
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Raw JSON, item id, delta and unknown type of the last event handed out; reset by the next pull.</summary>
    private readonly PinnedBuffer _scratch = new(4096);

    /// <summary>Orders <see cref="Cancel"/> (any thread) against the caller thread's start and end of a turn.</summary>
    private readonly Lock _turnGate = new();

    private ResponsesSession? _session;
    private Channel<TurnItem>? _turn;
    private Task? _runner;

    /// <summary>Cancels the running turn only; <see cref="_stop"/> cancels everything on close.</summary>
    private CancellationTokenSource? _turnStop;

    /// <summary>A cancelled turn's runner, still closing its connection; the next turn waits for it (bounded).</summary>
    private Task? _cancelledRunner;

    /// <summary>The current or last turn, for <see cref="TurnInfo"/>; replaced by the next <see cref="Send"/>.</summary>
    private NativeTurn? _lastTurn;

    /// <summary>The eventfd of <c>pc_session_ready_fd</c>, once asked for: signalled after each change a pull would report.</summary>
    private volatile ReadinessSignal? _ready;

    /// <summary>Set by <see cref="Cancel"/>; the caller thread's next pull reports the cancellation once.</summary>
    private volatile bool _cancelRequested;
    private bool _closed;

    public NativeSession(string url, string? apiKey, ReadOnlySpan<byte> optionsJson)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? baseUrl) || baseUrl.Scheme is not ("http" or "https" or "ws" or "wss"))
        {
            throw new PcException(PcStatus.InvalidArgument, "url must be an absolute http, https, ws or wss URL");
        }

        _options = new ResponsesClientOptions { BaseUrl = baseUrl, ApiKey = string.IsNullOrEmpty(apiKey) ? null : apiKey };
        _redactor = SecretRedactor.For(_options);
        _mode = SessionOptions.Apply(optionsJson, _options);
        try
        {
            _options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new PcException(PcStatus.InvalidArgument, "invalid session options: " + e.Message);
        }
    }

    /// <summary>Starts a turn with the request's input items; the first request's other fields become the template.</summary>
    public void Send(ReadOnlySpan<byte> utf8Json)
    {
        ThrowIfClosed();
        if (_turn is not null)
        {
            throw new PcException(PcStatus.InvalidState, "a turn is in progress: pull its events until PC_TURN_DONE first");
        }

        CreateRequestValidator.Validate(utf8Json);
        ResponseCreateRequest request;
        try
        {
            request = ProtocolJson.Parse<ResponseCreateRequest>(utf8Json);
        }
        catch (ProtocolJsonException e)
        {
            throw new PcException(PcStatus.Json, $"invalid response.create: {e.Message} (byte {e.BytePosition})");
        }

        List<InputItem> items = request.Input switch
        {
            { Items: { } list } => list,
            { Text: { } text } => [new Message { Role = MessageRole.User, Content = new MessageContent([new InputTextContent { Text = text }]) }],
            _ => [],
        };

        if (_session is null)
        {
            // The session builds input and previous_response_id itself; generate is per call.
            request.Input = null;
            request.PreviousResponseId = null;
            request.Generate = null;
            _session = new ResponsesSession(_options, request, _mode);
        }

        // A cancelled turn may still be closing its socket: the session runs one turn at a time.
        if (_cancelledRunner is { } previous)
        {
            if (!previous.Wait(s_closeTimeout))
            {
                throw new PcException(PcStatus.InvalidState, "the cancelled turn is still closing its connection; try again");
            }

            _cancelledRunner = null;
        }

        var channel = Channel.CreateBounded<TurnItem>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true, SingleWriter = true });
        var turnStop = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        ResponsesSession session = _session;

        // No runner uses the session now (the last one completed its queue, or the cancelled one was waited for).
        var record = new NativeTurn(session);
        lock (_turnGate)
        {
            _turn = channel;
            _turnStop = turnStop;
            _cancelRequested = false;
            _lastTurn = record;
            _runner = Task.Run(() => RunTurnAsync(session, items, record, channel.Writer, turnStop.Token));
        }
    }

    /// <summary>
    /// Cancels the turn in progress, if any, from any thread: the runner stops (a response still running loses its
    /// connection, as a cancelled <see cref="ResponsesSession.RunTurnAsync"/> does, so the next turn sends the full
    /// context), the events not yet pulled are dropped, and the caller's next (or waiting) <see cref="Next"/> reports
    /// <see cref="PcStatus.Cancelled"/> once. A no-op when no turn runs.
    /// </summary>
    public void Cancel()
    {
        lock (_turnGate)
        {
            if (_closed || _turn is not { } turn)
            {
                return;
            }

            _cancelRequested = true;
            _turnStop?.Cancel();

            // Wakes a Next waiting for room-to-read even if the runner is slow to notice the token; the runner's own
            // writes then fail, and it stops.
            turn.Writer.TryComplete();
        }

        _ready?.Signal();
    }

    /// <summary>
    /// The session's readiness descriptor (<c>pc_session_ready_fd</c>): readable whenever a pull with timeout 0 would
    /// not return <see cref="PcStatus.NoEvent"/>; drained only by such a pull that does return it. Created on first use,
    /// closed by destroy.
    /// </summary>
    public int ReadyDescriptor()
    {
        ThrowIfClosed();
        return (_ready ??= new ReadinessSignal()).Descriptor;
    }

    /// <summary>
    /// The next event of the turn: <see cref="PcStatus.Ok"/> with <paramref name="result"/> filled,
    /// <see cref="PcStatus.NoEvent"/> when <paramref name="timeoutMs"/> passed (negative waits forever), or
    /// <see cref="PcStatus.TurnDone"/> once the turn's terminal event or error was delivered. A failed turn throws once.
    /// </summary>
    public int Next(int timeoutMs, ref PcEvent result)
    {
        ThrowIfClosed();
        _scratch.Reset();
        if (_turn is not { } turn)
        {
            return PcStatus.TurnDone;
        }

        ChannelReader<TurnItem> reader = turn.Reader;
        bool rechecked = false;
        while (true)
        {
            ThrowIfClosed();
            if (_cancelRequested)
            {
                EndCancelledTurn();
                EndFor(PcStatus.Cancelled);
                throw new PcException(PcStatus.Cancelled, "the turn was cancelled");
            }

            if (reader.TryRead(out TurnItem? item))
            {
                if (item.Error is { } error)
                {
                    EndFor(error.Status);
                    throw error;
                }

                Fill(item.Event!, ref result);
                return PcStatus.Ok;
            }

            ValueTask<bool> waiting = reader.WaitToReadAsync();
            bool more;
            if (waiting.IsCompleted)
            {
                more = waiting.Result;
            }
            else if (timeoutMs == 0)
            {
                // Drain the readiness fd, then look once more (ReadinessSignal's protocol): what arrived before the
                // drain is seen now, what arrives after it signals again.
                if (_ready is { } ready && !rechecked)
                {
                    ready.Reset();
                    rechecked = true;
                    continue;
                }

                return PcStatus.NoEvent;
            }
            else
            {
                // A foreign thread with nothing else to do: blocking it is the point of a timeout.
                Task<bool> task = waiting.AsTask();
                if (!task.Wait(timeoutMs < 0 ? Timeout.Infinite : timeoutMs))
                {
                    return PcStatus.NoEvent;
                }

                more = task.Result;
            }

            if (!more)
            {
                if (_cancelRequested)
                {
                    continue;
                }

                EndTurn();
                EndFor(PcStatus.Ok);
                return PcStatus.TurnDone;
            }
        }
    }

    /// <summary>
    /// The current or last turn's figures (<c>pc_session_turn_info</c>). A cancelled turn's runner may still be closing
    /// its connection: it is waited for as <see cref="Send"/> would (bounded), so its figures are final.
    /// </summary>
    public void TurnInfo(ref PcTurnInfo info)
    {
        ThrowIfClosed();
        if (_lastTurn is not { } turn)
        {
            throw new PcException(PcStatus.InvalidState, "no turn was sent yet");
        }

        if (turn.CallerDone && !turn.IsComplete && _cancelledRunner is { } closing)
        {
            // Done with the cancellation's outcome either way: the figures then say they are not final (done = 0).
            closing.Wait(s_closeTimeout);
        }

        turn.Fill(ref info);
    }

    /// <summary>The caller thread saw the turn end with <paramref name="status"/> (the first end only).</summary>
    private void EndFor(int status)
    {
        if (_lastTurn is { CallerDone: false } turn)
        {
            turn.CallerDone = true;
            turn.CallerStatus = status;
        }
    }

    /// <summary>The turn ended normally: its runner has completed the channel.</summary>
    private void EndTurn()
    {
        lock (_turnGate)
        {
            _turn = null;
            _runner = null;
            _turnStop?.Dispose();
            _turnStop = null;
        }
    }

    /// <summary>Forgets a cancelled turn; its runner may still be closing the connection, which the next send waits for.</summary>
    private void EndCancelledTurn()
    {
        lock (_turnGate)
        {
            _cancelledRunner = _runner;
            _turn = null;
            _runner = null;
            _cancelRequested = false;

            // Not disposed here: the runner may still be observing it. It is small, and the GC takes it with the runner.
            _turnStop = null;
        }
    }

    /// <summary>Cancels a running turn and closes the connection (bounded); later calls fail with <see cref="PcStatus.InvalidState"/>.</summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        lock (_turnGate)
        {
            _closed = true;
        }

        // A pull waiting on the readiness fd (out of contract, but it must not hang) wakes and sees the session closed.
        _ready?.Signal();
        _stop.Cancel();
        _runner?.Wait(s_closeTimeout);
        _cancelledRunner?.Wait(s_closeTimeout);
        _turn = null;
        _runner = null;
        _cancelledRunner = null;
        if (_session is { } session)
        {
            _session = null;
            try
            {
                session.DisposeAsync().AsTask().Wait(s_closeTimeout);
            }
            catch (AggregateException)
            {
                // The close handshake is a courtesy: a broken socket goes away with the session either way.
            }
        }
    }

    public void Dispose()
    {
        Close();
        _stop.Dispose();
        _ready?.Dispose();
    }

    private async Task RunTurnAsync(ResponsesSession session, List<InputItem> items, NativeTurn record, ChannelWriter<TurnItem> writer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (ResponsesEvent e in session.RunTurnAsync(items, cancellationToken).ConfigureAwait(false))
            {
                // Before the write: the caller who pulls this event sees figures that include it.
                record.Observe();
                await writer.WriteAsync(new TurnItem(e, null), cancellationToken).ConfigureAwait(false);
                _ready?.Signal();
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Cancelled or closed by the caller (a write into the channel Cancel completed fails too): nobody reads
            // this turn any more.
        }
        catch (Exception e)
        {
            // Before the error goes out: the caller who pulls it may ask for the turn's figures at once.
            record.Complete();
            try
            {
                await writer.WriteAsync(new TurnItem(null, ToPcException(e)), cancellationToken).ConfigureAwait(false);
                _ready?.Signal();
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                // Cancelled or closed while the error waited for room (or after Cancel completed the channel).
            }
        }
        finally
        {
            if (!record.IsComplete)
            {
                record.Complete();
            }

            writer.TryComplete();
            _ready?.Signal();
        }
    }

    /// <summary>
    /// The typed failure of a turn, its message scrubbed of the API key (servers may echo a rejected key) by the same
    /// rule as the client layer: whole occurrences only, and not at all for a key under
    /// <see cref="SecretRedactor.MinimumSecretLength"/> characters, which would otherwise mangle ordinary words.
    /// </summary>
    private PcException ToPcException(Exception e)
    {
        (int status, string message) = e switch
        {
            ResponseInterruptedException => (PcStatus.Interrupted, e.InnerException is ResponsesTimeoutException timeout ? $"{e.Message} ({timeout.Message})" : e.Message),
            ResponsesApiException api => (PcStatus.Api, $"the server answered with an error{(api.Code is { } code ? $" ({code})" : "")}: {api.Message}"),
            ResponsesProtocolException or ProtocolJsonException or SseFormatException => (PcStatus.Protocol, "the server broke the protocol: " + e.Message),

            // Over the client's message size limit with no smaller way (HTTP fallback off): the caller's input, not the
            // connection's fault; nothing was sent and the message names only sizes.
            ResponsesRequestTooLargeException => (PcStatus.InvalidArgument, "the request is too large: " + e.Message),

            // The rest of the family (closed before sending, could not connect or upgrade, a broken socket, a timeout
            // before anything was sent): nothing ran, and a new connection may work.
            ProtocolCoreException or HttpRequestException or IOException or SocketException or TimeoutException
                => (PcStatus.Connection, "connection failed: " + e.Message),
            _ => (PcStatus.Internal, $"internal error: {e.GetType().Name}: {e.Message}"),
        };
        return new PcException(status, _redactor.Redact(message));
    }

    private void ThrowIfClosed()
    {
        if (Volatile.Read(ref _closed))
        {
            throw new PcException(PcStatus.InvalidState, "the session is closed");
        }
    }

    /// <summary>Fills <paramref name="result"/> as the codec does, but raw_json is the event re-encoded (it was parsed by the session).</summary>
    private unsafe void Fill(ResponsesEvent e, ref PcEvent result)
    {
        int kind = EventKinds.ToAbiKind(e.Kind);
        EventFields.Read(e, out Utf8Text? itemId, out int? outputIndex, out int? contentIndex, out Utf8Text? delta);

        ResponsesEventJson.Write(e, _scratch);
        int jsonLength = _scratch.Length;

        // Size every copy first so all pointers below come from one array.
        int needed = PcEvent.TypeCopyLength(e, kind) + (itemId?.Length ?? 0) + (delta?.Length ?? 0);
        _scratch.EnsureCapacity(jsonLength + needed);
        result.SetHeader(e, kind, outputIndex, contentIndex, _scratch.Pointer, jsonLength, _scratch);
        result.ItemId = Copy(itemId, out result.ItemIdLength);
        result.Delta = Copy(delta, out result.DeltaLength);
    }

    private unsafe byte* Copy(Utf8Text? text, out nuint length)
    {
        if (text is not { } value)
        {
            length = 0;
            return null;
        }

        // GetSpan first: it may grow the buffer (the old array stays alive until the next pull, so earlier pointers hold).
        value.Span.CopyTo(_scratch.GetSpan(value.Length));
        byte* destination = _scratch.Pointer + _scratch.Length;
        _scratch.Advance(value.Length);
        length = (nuint)value.Length;
        return destination;
    }

    /// <summary>One entry of the turn's channel: an event, or the error that ended the turn.</summary>
    private sealed record TurnItem(ResponsesEvent? Event, PcException? Error);
}
