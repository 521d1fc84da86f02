using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;
using ProtocolCore.Models;

namespace ProtocolCore.Client;

public sealed partial class ToolLoop
{
    /// <summary>
    /// Runs the loop as <see cref="RunAsync"/> does and yields every event of every turn as it arrives (owned objects):
    /// text deltas stream while the loop goes on. A turn's tools run after its last event was yielded, before the next
    /// turn's first; <see cref="TurnCompleted"/> still reports each turn. Stopping the enumeration mid-turn abandons the
    /// response (the session closes its socket, as for any abandoned turn) and ends the loop.
    /// </summary>
    /// <exception cref="ResponsesApiException">A turn ended with <c>error</c> or <c>response.failed</c> (after its events were yielded).</exception>
    /// <exception cref="InvalidOperationException">The loop did not finish within <see cref="MaxTurns"/> turns.</exception>
    public IAsyncEnumerable<ResponsesEvent> StreamAsync(IEnumerable<InputItem> input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return StreamCoreAsync([.. input], cancellationToken);
    }

    private async IAsyncEnumerable<ResponsesEvent> StreamCoreAsync(List<InputItem> next, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        AddDefinitions();
        for (int turns = 0; ; turns++)
        {
            ThrowIfOverTurnLimit(turns);
            await foreach (ResponsesEvent e in _session.RunTurnAsync(next, cancellationToken).ConfigureAwait(false))
            {
                yield return e;
            }

            // The session records the turn when its terminal event arrives; a turn without one has thrown above.
            if (await FinishTurnAsync(_session.LastTurn!, cancellationToken).ConfigureAwait(false) is not { } outputs)
            {
                yield break;
            }

            next = outputs;
        }
    }
}
