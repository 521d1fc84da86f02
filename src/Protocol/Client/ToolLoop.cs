using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;
using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Client;

/// <summary>
/// The agent loop: send the input, run the function calls the model makes (one turn's calls concurrently), send their
/// outputs back, and repeat until a turn ends without calls. A handler's exception ends the loop (nothing is guessed
/// for the model); a call to a tool that is not registered gets an error output the model can read. A turn that ends
/// with <c>response.failed</c> ends the loop with the server's error (<see cref="ResponsesApiException"/>): its calls
/// are not run, since the model's output was not accepted.
/// </summary>
public sealed partial class ToolLoop
{
    private readonly ResponsesSession _session;
    private readonly Dictionary<string, ToolHandler> _handlers = new(StringComparer.Ordinal);
    private readonly List<FunctionTool> _definitions = [];

    /// <summary>Creates a loop that runs its turns on <paramref name="session"/>; register tools before the first run.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="session"/> is null.</exception>
    public ToolLoop(ResponsesSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
    }

    /// <summary>Stops the loop with <see cref="InvalidOperationException"/> after this many turns.</summary>
    public int MaxTurns { get; set; } = 64;

    /// <summary>Called after each turn (for progress output), before its tools run.</summary>
    public Action<ResponsesTurnResult>? TurnCompleted { get; set; }

    /// <summary>Registers a function tool: it is added to the session's <c>tools</c> when the loop starts.</summary>
    /// <param name="name">The function name the model calls.</param>
    /// <param name="description">Shown to the model; may be null.</param>
    /// <param name="parameters">The JSON schema of the arguments.</param>
    /// <param name="handler">Runs a call.</param>
    public ToolLoop Register(string name, string? description, RawJson parameters, ToolHandler handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(handler);
        if (!_handlers.TryAdd(name, handler))
        {
            throw new ArgumentException($"A tool named '{name}' is already registered.", nameof(name));
        }

        _definitions.Add(new FunctionTool { Name = name, Description = description, Parameters = parameters.IsEmpty ? null : parameters });
        return this;
    }

    /// <summary>Runs the loop from <paramref name="input"/> (usually the user's message) until a turn has no function calls.</summary>
    public async Task<ToolLoopResult> RunAsync(IEnumerable<InputItem> input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        AddDefinitions();
        long start = Stopwatch.GetTimestamp();
        var turns = new List<ResponsesTurnResult>();
        int toolCalls = 0;
        List<InputItem> next = [.. input];
        while (true)
        {
            ThrowIfOverTurnLimit(turns.Count);
            ResponsesTurnResult turn = await _session.CompleteTurnAsync(next, cancellationToken).ConfigureAwait(false);
            turns.Add(turn);
            if (await FinishTurnAsync(turn, cancellationToken).ConfigureAwait(false) is not { } outputs)
            {
                return new ToolLoopResult(turns, toolCalls, Stopwatch.GetElapsedTime(start));
            }

            toolCalls += outputs.Count;
            next = outputs;
        }
    }

    private void ThrowIfOverTurnLimit(int turns)
    {
        if (turns >= MaxTurns)
        {
            throw new InvalidOperationException($"The tool loop did not finish within {MaxTurns} turns.");
        }
    }

    /// <summary>
    /// What both loops do after a turn: report it, end the loop with the server's error if it failed, and run its
    /// calls (concurrently). The outputs to send next, or null when the turn made no call and the loop is done.
    /// </summary>
    private async Task<List<InputItem>?> FinishTurnAsync(ResponsesTurnResult turn, CancellationToken cancellationToken)
    {
        TurnCompleted?.Invoke(turn);
        if (turn.TerminalEvent == ResponseFailedEvent.JsonDiscriminator)
        {
            throw ResponsesTerminal.FailedToException(turn.Error, SecretRedactor.For(_session.Options));
        }

        if (turn.FunctionCalls.Count == 0)
        {
            return null;
        }

        var outputs = new Task<InputItem>[turn.FunctionCalls.Count];
        for (int i = 0; i < outputs.Length; i++)
        {
            outputs[i] = RunCallAsync(turn.FunctionCalls[i], cancellationToken);
        }

        return [.. await Task.WhenAll(outputs).ConfigureAwait(false)];
    }

    private async Task<InputItem> RunCallAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        ToolHandler? handler = call.Name is { } name && _handlers.TryGetValue(name, out ToolHandler? registered) ? registered : null;
        using Activity? activity = ToolCallTelemetry.Start(call, handler is not null);
        try
        {
            string output = handler is not null
                ? await handler(call.Arguments ?? "{}", cancellationToken).ConfigureAwait(false)
                : $"{{\"error\":\"unknown tool\",\"name\":{Quote(call.Name)}}}";
            return new FunctionCallOutput { CallId = call.CallId, Output = output };
        }
        catch (Exception e) when (ToolCallTelemetry.Failed(activity, e))
        {
            // Not reached: the filter records the failure and declines the exception.
            throw;
        }
    }

    private static string Quote(string? text) => "\"" + System.Text.Json.JsonEncodedText.Encode(text ?? "").ToString() + "\"";

    private void AddDefinitions()
    {
        List<Tool> tools = _session.Template.Tools ??= [];
        foreach (FunctionTool definition in _definitions)
        {
            if (!tools.Exists(t => t is FunctionTool f && f.Name == definition.Name))
            {
                tools.Add(definition);
            }
        }
    }
}
