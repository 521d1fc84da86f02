using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;
using ProtocolCore.Models;

namespace ProtocolCore.Emulator;

internal sealed partial class ResponseRunner
{
    private readonly SteerHandler? _steering;
    private readonly List<InputItem> _steered = [];
    private readonly List<InputItem> _injected = [];
    private RunningResponse? _running;
    private bool _steeredEnd;

    /// <summary>This response is the successor the server started after a steer: it first acknowledges the steered input.</summary>
    public bool SuccessorOfSteer { get; init; }

    /// <summary>The input of the steers this response accepted (the successor's input).</summary>
    public List<InputItem> SteeredInput => _steered;

    /// <summary>Runs the response from <paramref name="previous"/> (null for a new chain), found in <paramref name="source"/>.</summary>
    public async Task<RunResult> RunAsync(ConversationContext? previous, ContextSource source, CancellationToken cancellationToken)
    {
        try
        {
            return await RunScriptAsync(previous, source, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (_running is not null)
            {
                _steering!.Close(_running);
            }
        }
    }

    /// <summary>Makes the response steerable (before its <c>response.created</c>); HTTP mode has no steering.</summary>
    private void OpenForSteering() => _running = _steering?.Open(_id, _streamId);

    /// <summary>
    /// A check point: takes the steers and injects posted so far (with <paramref name="hold"/>, first waits for one, up to
    /// <see cref="EmulatorOptions.SteerHoldLimit"/>) and answers each in this response's stream. Injected input joins the
    /// context after the output; a steer is failed or left pending by the <c>steer_fail</c>/<c>steer_pending</c> faults
    /// and otherwise accepted. With <paramref name="close"/> nothing more is taken. True when a steer was accepted.
    /// </summary>
    private async Task<bool> TakeMidTurnInputAsync(bool hold, bool close, CancellationToken cancellationToken)
    {
        if (_running is null)
        {
            return false;
        }

        if (hold)
        {
            try
            {
                await _running.Arrived.WaitAsync(_engine.Options.SteerHoldLimit, _engine.Options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Nobody steered: the response ends as usual.
            }
        }

        foreach (MidTurnInput input in _running.Take(close))
        {
            if (input.Inject)
            {
                _injected.AddRange(input.Items);
                await SendAsync(new ResponseInjectCreatedEvent { ResponseId = _id }, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var steer = new SteerInfo { Id = input.SteerId, PreviousResponseId = _id };
            if (_faults.Has(EmulatorFault.SteerFail))
            {
                await SendAsync(
                    new SteerFailedEvent { Steer = steer, Error = new ResponseError { Code = "steering_not_supported", Message = "The emulator refused the steer (emulator_fault=steer_fail)." } },
                    cancellationToken).ConfigureAwait(false);
            }
            else if (_faults.Has(EmulatorFault.SteerPending))
            {
                await SendAsync(new SteerPendingEvent { Steer = steer, Reason = "waiting_for_required_input", RequiredInput = RequiredOutputs() }, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                _steered.AddRange(input.Items);
                await SendAsync(new SteerAcceptedEvent { Steer = steer }, cancellationToken).ConfigureAwait(false);
            }
        }

        return _steered.Count > 0;
    }

    /// <summary>
    /// Ends the response <c>incomplete</c> (<c>steered</c>) after answering anything still posted; the handler starts the
    /// successor. Like a successful end, it is committed first (<see cref="SteerHandler.CommitSteered"/>): a client that
    /// has read the <c>incomplete</c> event may chain from the steered response at once.
    /// </summary>
    private async Task<RunResult> EndSteeredAsync(ConversationContext context, ResponseUsage usage, CancellationToken cancellationToken)
    {
        await TakeMidTurnInputAsync(hold: false, close: true, cancellationToken).ConfigureAwait(false);
        _steeredEnd = true;
        ConversationContext after = AfterOutput(context);
        _steering!.CommitSteered(_request, _id, after);
        await SendTerminalAsync(ResponseStatus.Incomplete, usage, cancellationToken).ConfigureAwait(false);
        return new RunResult(RunOutcome.Steered, _id, after);
    }

    /// <summary>The context after this response: its input, its output, then anything injected into it.</summary>
    private ConversationContext AfterOutput(ConversationContext context)
    {
        int toolOutputs = 0;
        var injected = new List<byte[]>(_injected.Count);
        foreach (InputItem item in _injected)
        {
            injected.Add(Encode(item.WriteJson));
            toolOutputs += item is FunctionCallOutput ? 1 : 0;
        }

        return context.Append(EncodeOutput(), 0).Append(injected, toolOutputs);
    }

    /// <summary>The acknowledgement a successor streams first: the steered input's text, so a client sees it was read.</summary>
    private string SteerAcknowledgement()
    {
        var text = new StringBuilder("Steering noted: ");
        int start = text.Length;
        if (_request.Input is { Text: { } plain })
        {
            text.Append(plain);
        }

        foreach (InputItem item in _request.Input?.Items ?? [])
        {
            if (item is Message { Content: { } content })
            {
                text.Append(content.Text);
                foreach (InputContent part in content.Parts ?? [])
                {
                    if (part is InputTextContent { Text: { } partText })
                    {
                        text.Append(text.Length > start ? " " : "").Append(partText);
                    }
                }
            }
        }

        return text.ToString();
    }

    /// <summary>What a pending steer waits for: the outputs of this response's function calls.</summary>
    private List<RequiredInput> RequiredOutputs()
    {
        var required = new List<RequiredInput>();
        foreach (OutputItem item in _output)
        {
            if (item is FunctionCall call)
            {
                required.Add(new RequiredInput { Type = "function_call_output", CallId = call.CallId, Name = call.Name });
            }
        }

        return required;
    }
}
