using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;
using ProtocolCore.Json;
using ProtocolCore.Models;
using ProtocolCore.Requests;

namespace ProtocolCore.Client;

public sealed partial class ResponsesSession
{
    /// <summary>
    /// Sends <c>response.steer</c>: adds <paramref name="items"/> to the response the running turn is streaming, and
    /// returns the server's answer once the turn's stream has read it. Accepted: the response ends <c>incomplete</c>
    /// (<c>steered</c>), the server's successor streams on the same turn, and the items join <see cref="Conversation"/>
    /// after the steered response's output. Pending or failed: the items are not in the conversation.
    /// </summary>
    /// <remarks>
    /// Before the turn's <c>response.created</c> (or a successor's) it waits for it. The answer is read by the turn's
    /// own reader, so with <see cref="RunTurnAsync"/> keep enumerating while the steer is outstanding: awaiting it in
    /// the loop body stalls the stream until <see cref="ResponsesClientOptions.IdleTimeout"/> ends the wait.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="items"/> is empty.</exception>
    /// <exception cref="SteeringUnavailableException">No turn runs, HTTP mode, or the turn ended before the answer.</exception>
    /// <exception cref="ResponsesTimeoutException">No answer within <see cref="ResponsesClientOptions.IdleTimeout"/>.</exception>
    /// <exception cref="ResponsesRequestTooLargeException">The message is over <see cref="ResponsesClientOptions.MaxRequestMessageBytes"/>; nothing was sent and the turn goes on.</exception>
    public async Task<SteerResult> SteerAsync(IEnumerable<InputItem> items, CancellationToken cancellationToken = default)
    {
        List<InputItem> input = MidTurnItems(items);
        if (Mode == ResponsesTransportMode.Http)
        {
            throw TurnSteering.HttpMode();
        }

        MidTurnTicket ticket = await _steering.EnterAsync(inject: false, input, cancellationToken).ConfigureAwait(false);
        var request = new ResponseSteerRequest { PreviousResponseId = ticket.ResponseId, Input = input };
        return (SteerResult)await SendMidTurnAsync(ticket, ProtocolJson.ToUtf8Bytes(request), "response.steer", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends the beta <c>response.inject</c> (needs <see cref="ResponsesClientOptions.EnableMultiAgentBeta"/>): adds
    /// <paramref name="items"/> to the running response without ending it. Created: the items join
    /// <see cref="Conversation"/> after that response's output when it ends successfully.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="items"/> is empty.</exception>
    /// <exception cref="SteeringUnavailableException">The beta is not enabled, no turn runs, HTTP mode, or the turn ended before the answer.</exception>
    /// <exception cref="ResponsesTimeoutException">No answer within <see cref="ResponsesClientOptions.IdleTimeout"/>.</exception>
    /// <exception cref="ResponsesRequestTooLargeException">The message is over <see cref="ResponsesClientOptions.MaxRequestMessageBytes"/>; nothing was sent and the turn goes on.</exception>
    public async Task<InjectResult> InjectAsync(IEnumerable<InputItem> items, CancellationToken cancellationToken = default)
    {
        List<InputItem> input = MidTurnItems(items);
        if (!_options.EnableMultiAgentBeta)
        {
            throw new SteeringUnavailableException(SteeringUnavailableReason.MultiAgentBetaNotEnabled, "response.inject is a beta: set ResponsesClientOptions.EnableMultiAgentBeta (it sends OpenAI-Beta: responses_multi_agent=v1 when connecting).");
        }

        if (Mode == ResponsesTransportMode.Http)
        {
            throw TurnSteering.HttpMode();
        }

        MidTurnTicket ticket = await _steering.EnterAsync(inject: true, input, cancellationToken).ConfigureAwait(false);
        var request = new ResponseInjectRequest { ResponseId = ticket.ResponseId, Input = input, StreamId = Template.StreamId };
        return (InjectResult)await SendMidTurnAsync(ticket, ProtocolJson.ToUtf8Bytes(request), "response.inject", cancellationToken).ConfigureAwait(false);
    }

    private static List<InputItem> MidTurnItems(IEnumerable<InputItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        List<InputItem> input = [.. items];
        if (input.Count == 0)
        {
            throw new ArgumentException("At least one input item is required.", nameof(items));
        }

        return input;
    }

    /// <summary>Sends the ticket's message and awaits the answer the turn's reader sets (bounded by the idle timeout).</summary>
    private async Task<object> SendMidTurnAsync(MidTurnTicket ticket, byte[] payload, string what, CancellationToken cancellationToken)
    {
        try
        {
            await ticket.Connection.SendControlAsync(payload, cancellationToken).ConfigureAwait(false);
            return await ticket.Answer.Task.WaitAsync(_options.IdleTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            _steering.Abandon(ticket);
            throw new ResponsesTimeoutException(nameof(ResponsesClientOptions.IdleTimeout), _options.IdleTimeout, $"No answer to {what} was read from the turn's stream", e);
        }
        catch
        {
            _steering.Abandon(ticket);
            throw;
        }
    }

    /// <summary>
    /// The turn's response ended <c>incomplete</c> (<c>steered</c>) and a successor follows: the steered response is
    /// committed (the turn's new items, its output, anything injected into it), and the successor's new items are the
    /// accepted steers' items, so the conversation reads: …, new items, steered output, steered items, successor output.
    /// </summary>
    private void HandOff(TurnAttempt attempt, ResponsesEvent steeredEnd)
    {
        attempt.End(steeredEnd);
        if (_chain.Commit(attempt.Plan, attempt.NewItems, steeredEnd, attempt.Result.KeptOutput) == ChainCommit.Committed)
        {
            _chain.Append(_steering.TakeInjected());
        }

        attempt.HandOff(_steering.TakeAccepted());
    }
}
