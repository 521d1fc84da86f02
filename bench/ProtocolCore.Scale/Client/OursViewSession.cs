using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Client;
using ProtocolCore.Events;
using ProtocolCore.Models;
using ProtocolCore.Requests;

namespace ProtocolCore.Scale.Client;

/// <summary>
/// Ours, the view path: <see cref="ResponsesSession.ReadTurnAsync"/> with default options. Each event is a view valid
/// until the next one, read (delta length and stamp) before asking for the next; the session keeps the chain itself.
/// </summary>
internal sealed class OursViewSession : ScaleSession
{
    private readonly ResponsesSession _session;
    private readonly List<InputItem> _items;

    public OursViewSession(ScaleSessionContext context)
        : base(context)
    {
        _session = new ResponsesSession(
            new ResponsesClientOptions { BaseUrl = context.BaseUrl, ApiKey = "sk-scale" },
            new ResponseCreateRequest { Model = "gpt-5", Store = false });
        _items = [new Message { Role = MessageRole.User, Content = new MessageContent(ScaleRequest.Prompt) }];
    }

    public override async Task<TurnTally> RunTurnAsync(CancellationToken cancellationToken)
    {
        int events = 0;
        long deltaBytes = 0;
        await foreach (ResponsesEvent item in _session.ReadTurnAsync(_items, cancellationToken).ConfigureAwait(false))
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
