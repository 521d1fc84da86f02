using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;

namespace ProtocolCore.Client;

/// <summary>
/// One turn's events as the caller holds them (<see cref="ResponsesSession.RunTurnAsync"/>, <see cref="ResponsesSession.ReadTurnAsync"/>):
/// a small handle on the session's reused turn machine (<see cref="ResponsesSession.TurnRun"/>), valid for that turn
/// only. Once the turn is over the machine may serve the session's next turn, so a handle whose turn is over behaves as
/// a finished async iterator does (no more events, disposing does nothing) without touching it.
/// </summary>
internal sealed class TurnEvents(ResponsesSession.TurnRun run, int version) : IAsyncEnumerable<ResponsesEvent>, IAsyncEnumerator<ResponsesEvent>
{
    private bool _enumerated;

    private bool IsCurrent => run.Version == version;

    public ResponsesEvent Current => IsCurrent ? run.Current : default!;

    /// <summary>The turn's events, once: a turn runs when it is enumerated, and a second enumeration would send it again.</summary>
    /// <exception cref="InvalidOperationException">The sequence was enumerated already.</exception>
    public IAsyncEnumerator<ResponsesEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (_enumerated)
        {
            throw EnumeratedTwice();
        }

        _enumerated = true;
        if (IsCurrent)
        {
            run.Enumerate(cancellationToken);
        }

        return this;
    }

    /// <summary>What a second enumeration of a turn's events throws (here, and from its observed form in <see cref="TurnTelemetry"/>).</summary>
    internal static InvalidOperationException EnumeratedTwice() =>
        new("A turn's events can be enumerated once; call the session again for another turn.");

    public ValueTask<bool> MoveNextAsync() => IsCurrent ? run.MoveNextAsync() : new(false);

    public ValueTask DisposeAsync() => IsCurrent ? run.DisposeAsync() : default;
}
