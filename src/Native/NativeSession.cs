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
/// the session's own. One caller thread at a time (the header's rule); the background task only writes the channel.
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

    private ResponsesSession? _session;
    private Channel<TurnItem>? _turn;
    private Task? _runner;
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

        var channel = Channel.CreateBounded<TurnItem>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true, SingleWriter = true });
        _turn = channel;
        ResponsesSession session = _session;
        _runner = Task.Run(() => RunTurnAsync(session, items, channel.Writer, _stop.Token));
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
        while (true)
        {
            if (reader.TryRead(out TurnItem? item))
            {
                if (item.Error is { } error)
                {
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
                _turn = null;
                _runner = null;
                return PcStatus.TurnDone;
            }
        }
    }

    /// <summary>Cancels a running turn and closes the connection (bounded); later calls fail with <see cref="PcStatus.InvalidState"/>.</summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _stop.Cancel();
        _runner?.Wait(s_closeTimeout);
        _turn = null;
        _runner = null;
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
    }

    private async Task RunTurnAsync(ResponsesSession session, List<InputItem> items, ChannelWriter<TurnItem> writer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (ResponsesEvent e in session.RunTurnAsync(items, cancellationToken).ConfigureAwait(false))
            {
                await writer.WriteAsync(new TurnItem(e, null), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Closed by the caller: nobody reads any more.
        }
        catch (Exception e)
        {
            try
            {
                await writer.WriteAsync(new TurnItem(null, ToPcException(e)), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Closed while the error waited for room.
            }
        }
        finally
        {
            writer.TryComplete();
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
        if (_closed)
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
