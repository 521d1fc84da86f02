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
            if (turns >= MaxTurns)
            {
                throw new InvalidOperationException($"The tool loop did not finish within {MaxTurns} turns.");
            }

            await foreach (ResponsesEvent e in _session.RunTurnAsync(next, cancellationToken).ConfigureAwait(false))
            {
                yield return e;
            }

            // The session records the turn when its terminal event arrives; a turn without one has thrown above.
            ResponsesTurnResult turn = _session.LastTurn!;
            TurnCompleted?.Invoke(turn);
            if (turn.TerminalEvent == ResponseFailedEvent.JsonDiscriminator)
            {
                throw ResponsesTerminal.FailedToException(turn.Response, SecretRedactor.For(_session.Options));
            }

            if (turn.FunctionCalls.Count == 0)
            {
                yield break;
            }

            var outputs = new Task<InputItem>[turn.FunctionCalls.Count];
            for (int i = 0; i < outputs.Length; i++)
            {
                outputs[i] = RunCallAsync(turn.FunctionCalls[i], cancellationToken);
            }

            next = [.. await Task.WhenAll(outputs).ConfigureAwait(false)];
        }
    }
}
