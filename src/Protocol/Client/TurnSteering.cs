using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;
using ProtocolCore.Models;

namespace ProtocolCore.Client;

/// <summary>
/// A session's steering state for the turn that runs (spec §1.3 later additions): whether a turn runs, its connection,
/// the response running now (from <c>response.created</c> to its terminal event), the steers and injects waiting for
/// their answers, and the items accepted into the running response. The turn's reader reports every event
/// (<see cref="Observe"/>) and completes the waiting tickets; <see cref="ResponsesSession.SteerAsync"/> only sends and
/// awaits, so the connection keeps exactly one reader.
/// </summary>
internal sealed class TurnSteering
{
    private readonly object _gate = new();
    private readonly List<MidTurnTicket> _waiting = [];
    private readonly List<InputItem> _accepted = [];
    private readonly List<InputItem> _injected = [];
    private readonly SecretRedactor _redactor;
    private SteerSuccession _succession;
    private ResponsesConnection? _connection;
    private string? _responseId;
    private TaskCompletionSource? _started;
    private bool _running;

    public TurnSteering(SecretRedactor redactor) => _redactor = redactor;

    /// <summary>A turn begins (before it connects): a steer from now on waits for its <c>response.created</c>.</summary>
    public void BeginTurn()
    {
        lock (_gate)
        {
            _running = true;
            _responseId = null;
            _succession = default;
            _accepted.Clear();
            _injected.Clear();
        }
    }

    /// <summary>An attempt of the turn goes out on <paramref name="transport"/> (a connection in WebSocket mode).</summary>
    public void Attach(IResponsesTransport transport)
    {
        lock (_gate)
        {
            _connection = transport as ResponsesConnection;
        }
    }

    /// <summary>The turn is over, however it ended: anything still waiting fails with <see cref="SteeringUnavailableReason.TurnEnded"/>.</summary>
    public void EndTurn()
    {
        lock (_gate)
        {
            _running = false;
            _connection = null;
            _responseId = null;
            FailWaitingLocked();
        }
    }

    /// <summary>
    /// A ticket for the response running now, waiting for its <c>response.created</c> first when a turn runs but its
    /// response has not started (or a successor has not yet).
    /// </summary>
    /// <exception cref="SteeringUnavailableException">No turn runs, or the session is in HTTP mode.</exception>
    public async Task<MidTurnTicket> EnterAsync(bool inject, List<InputItem> items, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task started;
            lock (_gate)
            {
                if (!_running)
                {
                    throw new SteeringUnavailableException(SteeringUnavailableReason.NoRunningTurn, "No turn is running, so there is no response to steer; send the items with the next turn.");
                }

                if (_responseId is { } id)
                {
                    if (_connection is not { } connection)
                    {
                        throw HttpMode();
                    }

                    var ticket = new MidTurnTicket(inject, id, connection, items);
                    _waiting.Add(ticket);
                    return ticket;
                }

                started = (_started ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }

            await started.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The sender gave up on <paramref name="ticket"/> (its send failed, it was cancelled or timed out).</summary>
    public void Abandon(MidTurnTicket ticket)
    {
        lock (_gate)
        {
            _waiting.Remove(ticket);
        }
    }

    /// <summary>
    /// The turn's reader reports an event of the turn: tracks the running response, answers waiting tickets, and
    /// returns true when <paramref name="item"/> is a steered end a successor follows (the turn goes on).
    /// </summary>
    public bool Observe(ResponsesEvent item)
    {
        // Most events concern no steer: no lock for them.
        if (item is not (ResponseCreatedEvent or SteerAcceptedEvent or SteerPendingEvent or SteerFailedEvent or ResponseInjectCreatedEvent or ResponseInjectFailedEvent)
            && !ResponsesTerminal.IsTerminal(item))
        {
            return false;
        }

        lock (_gate)
        {
            switch (item)
            {
                case ResponseCreatedEvent { Response.Id: { } id }:
                    _responseId = id;
                    _started?.TrySetResult();
                    _started = null;
                    break;
                case SteerAcceptedEvent accepted when Take(inject: false, accepted.Steer?.PreviousResponseId) is { } ticket:
                    _accepted.AddRange(ticket.Items);
                    ticket.Answer.TrySetResult(new SteerResult(SteerStatus.Accepted, ticket.ResponseId, item) { SteerId = accepted.Steer?.Id });
                    break;
                case SteerPendingEvent pending when Take(inject: false, pending.Steer?.PreviousResponseId) is { } ticket:
                    ticket.Answer.TrySetResult(new SteerResult(SteerStatus.Pending, ticket.ResponseId, item)
                    {
                        SteerId = pending.Steer?.Id,
                        Reason = pending.Reason?.ToString(),
                        RequiredInput = pending.RequiredInput ?? [],
                    });
                    break;
                case SteerFailedEvent failed when Take(inject: false, failed.Steer?.PreviousResponseId) is { } ticket:
                    ticket.Answer.TrySetResult(new SteerResult(SteerStatus.Failed, ticket.ResponseId, item)
                    {
                        SteerId = failed.Steer?.Id,
                        ErrorCode = _redactor.Redact(failed.Error?.Code),
                        ErrorMessage = _redactor.Redact(failed.Error?.Message),
                    });
                    break;
                case ResponseInjectCreatedEvent created when Take(inject: true, created.ResponseId?.ToString()) is { } ticket:
                    _injected.AddRange(ticket.Items);
                    ticket.Answer.TrySetResult(new InjectResult(created: true, ticket.ResponseId, item));
                    break;
                case ResponseInjectFailedEvent failed when Take(inject: true, failed.ResponseId?.ToString()) is { } ticket:
                    ticket.Answer.TrySetResult(new InjectResult(created: false, ticket.ResponseId, item)
                    {
                        ErrorCode = _redactor.Redact(failed.Error?.Code),
                        ErrorMessage = _redactor.Redact(failed.Error?.Message),
                    });
                    break;
            }

            if (_succession.Ends(item))
            {
                // The turn's last response ended: nothing can be steered any more, and no answer can still come.
                _running = false;
                _responseId = null;
                FailWaitingLocked();
                return false;
            }

            if (ResponsesTerminal.IsTerminal(item))
            {
                // A steered end: steers wait for the successor's response.created.
                _responseId = null;
                return true;
            }

            return false;
        }
    }

    /// <summary>The items of the steers accepted since the last hand-off, in the order they were accepted.</summary>
    public List<InputItem> TakeAccepted()
    {
        lock (_gate)
        {
            List<InputItem> items = [.. _accepted];
            _accepted.Clear();
            return items;
        }
    }

    /// <summary>The items injected into the response that just ended, in the order they were created.</summary>
    public IReadOnlyList<InputItem> TakeInjected()
    {
        lock (_gate)
        {
            // Usually none: then no list (a turn would allocate one for nothing).
            IReadOnlyList<InputItem> items = _injected.Count == 0 ? [] : [.. _injected];
            _injected.Clear();
            return items;
        }
    }

    public static SteeringUnavailableException HttpMode() =>
        new(SteeringUnavailableReason.HttpMode, "HTTP mode has no client events after the request; steering needs WebSocket mode.");

    /// <summary>Under the lock: the oldest waiting ticket of that kind for <paramref name="responseId"/> (any, when the answer names none).</summary>
    private MidTurnTicket? Take(bool inject, string? responseId)
    {
        for (int i = 0; i < _waiting.Count; i++)
        {
            MidTurnTicket ticket = _waiting[i];
            if (ticket.Inject == inject && (responseId is null || ticket.ResponseId == responseId))
            {
                _waiting.RemoveAt(i);
                return ticket;
            }
        }

        return null;
    }

    private void FailWaitingLocked()
    {
        foreach (MidTurnTicket ticket in _waiting)
        {
            ticket.Answer.TrySetException(new SteeringUnavailableException(SteeringUnavailableReason.TurnEnded, "The turn ended before the server answered; the input may not have been applied and is not in the conversation."));
        }

        _waiting.Clear();
        _started?.TrySetResult();
        _started = null;
    }
}
