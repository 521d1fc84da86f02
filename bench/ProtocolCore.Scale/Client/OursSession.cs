using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Client;
using ProtocolCore.Events;
using ProtocolCore.Models;
using ProtocolCore.Requests;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Scale.Client;

/// <summary>
/// Ours: a <see cref="ResponsesSession"/> with default options, which chains each turn with <c>previous_response_id</c>
/// and keeps the conversation; it connects on its first turn. The owned path reads <see cref="ResponsesSession.RunTurnAsync"/>;
/// the view path <see cref="ResponsesSession.ReadTurnAsync"/>, whose events are views valid until the next one, read
/// (delta length and stamp) before asking for the next. The <c>-loop</c> modes set <see cref="WebSocketIoMode.EventLoop"/>.
/// </summary>
internal sealed class OursSession : ScaleSession
{
    private readonly ResponsesSession _session;
    private readonly List<InputItem> _items;
    private readonly bool _views;

    public OursSession(ScaleSessionContext context, bool views, WebSocketIoMode ioMode = WebSocketIoMode.ThreadPool)
        : base(context)
    {
        _session = new ResponsesSession(
            new ResponsesClientOptions
            {
                BaseUrl = context.BaseUrl,
                ApiKey = "sk-scale",
                WebSocket = { IdleBufferReleaseDelay = IdleBufferReleaseDelay, ReceiveQueueCapacity = ReceiveQueueCapacity, IoMode = ioMode },
            },
            new ResponseCreateRequest { Model = "gpt-5", Store = false });
        _items = [new Message { Role = MessageRole.User, Content = new MessageContent(ScaleRequest.Prompt) }];
        _views = views;
    }

    /// <summary>
    /// <c>PROTOCOLCORE_SCALE_IDLE_RELEASE_MS</c> (milliseconds, or <c>infinite</c>) when set, else the library's default:
    /// to see what giving receive buffers back while the sessions idle costs when they are needed again.
    /// </summary>
    private static TimeSpan IdleBufferReleaseDelay =>
        Environment.GetEnvironmentVariable("PROTOCOLCORE_SCALE_IDLE_RELEASE_MS") switch
        {
            null or "" => new WebSocketClientOptions().IdleBufferReleaseDelay,
            "infinite" => Timeout.InfiniteTimeSpan,
            { } ms => TimeSpan.FromMilliseconds(double.Parse(ms, System.Globalization.CultureInfo.InvariantCulture)),
        };

    /// <summary>
    /// <c>PROTOCOLCORE_SCALE_RECEIVE_QUEUE</c> (messages) when set, else the library's default: to see what the messages
    /// queued ahead of a consumer that lags behind cost (each waits in a buffer of its own).
    /// </summary>
    private static int ReceiveQueueCapacity =>
        Environment.GetEnvironmentVariable("PROTOCOLCORE_SCALE_RECEIVE_QUEUE") is { Length: > 0 } capacity
            ? int.Parse(capacity, System.Globalization.CultureInfo.InvariantCulture)
            : new WebSocketClientOptions().ReceiveQueueCapacity;

    public override async Task<TurnTally> RunTurnAsync(CancellationToken cancellationToken)
    {
        int events = 0;
        long deltaBytes = 0;
        IAsyncEnumerable<ResponsesEvent> turn = _views
            ? _session.ReadTurnAsync(_items, cancellationToken)
            : _session.RunTurnAsync(_items, cancellationToken);
        await foreach (ResponsesEvent item in turn.ConfigureAwait(false))
        {
            events++;
            if (item is OutputTextDeltaEvent delta)
            {
                deltaBytes += delta.Delta?.Length ?? 0;
                if (delta.Obfuscation is { } stamp && ScaleTurn.TryReadStamp(stamp.Span, out long ticks))
                {
                    Context.Probe.Delivered(ticks);
                }
            }
        }

        return new TurnTally(events, deltaBytes);
    }

    public override ValueTask DisposeAsync() => _session.DisposeAsync();
}
