using System.Collections.Generic;
using ProtocolCore.Events;
using ProtocolCore.Models;

namespace ProtocolCore.Client;

/// <summary>The server's answer to <see cref="ResponsesSession.SteerAsync"/>.</summary>
public sealed class SteerResult
{
    internal SteerResult(SteerStatus status, string responseId, ResponsesEvent answer)
    {
        Status = status;
        ResponseId = responseId;
        Event = answer;
    }

    /// <summary>Accepted, pending or failed.</summary>
    public SteerStatus Status { get; }

    /// <summary>The running response the steer was sent to (<c>previous_response_id</c>).</summary>
    public string ResponseId { get; }

    /// <summary>The server's id of the steer (<c>steer.id</c>), when it sent one.</summary>
    public string? SteerId { get; internal init; }

    /// <summary>Why a pending steer waits (for example <c>waiting_for_required_input</c>); null otherwise.</summary>
    public string? Reason { get; internal init; }

    /// <summary>What a pending steer waits for (for example the outputs of the response's tool calls); empty otherwise.</summary>
    public IReadOnlyList<RequiredInput> RequiredInput { get; internal init; } = [];

    /// <summary>The error code of a failed steer (for example <c>response_not_found</c>); null otherwise.</summary>
    public string? ErrorCode { get; internal init; }

    /// <summary>The server's message for a failed steer (secrets the options know are redacted); null otherwise.</summary>
    public string? ErrorMessage { get; internal init; }

    /// <summary>The answer event itself (also yielded on the turn's stream).</summary>
    public ResponsesEvent Event { get; }

    /// <inheritdoc/>
    public override string ToString() => $"SteerResult {{ Status = {Status}, ResponseId = {ResponseId}, ErrorCode = {ErrorCode}, RequiredInput = {RequiredInput.Count} }}";
}
