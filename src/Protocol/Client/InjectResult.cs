using ProtocolCore.Events;

namespace ProtocolCore.Client;

/// <summary>The server's answer to <see cref="ResponsesSession.InjectAsync"/> (beta <c>response.inject</c>).</summary>
public sealed class InjectResult
{
    internal InjectResult(bool created, string responseId, ResponsesEvent answer)
    {
        Created = created;
        ResponseId = responseId;
        Event = answer;
    }

    /// <summary>True for <c>response.inject.created</c> (the input joined the running response), false for <c>.failed</c>.</summary>
    public bool Created { get; }

    /// <summary>The running response the input was sent to.</summary>
    public string ResponseId { get; }

    /// <summary>Why it failed (<c>response_already_completed</c> or <c>response_not_found</c>); null when created.</summary>
    public string? ErrorCode { get; internal init; }

    /// <summary>The server's message when it failed (secrets the options know are redacted); null when created.</summary>
    public string? ErrorMessage { get; internal init; }

    /// <summary>The answer event itself (also yielded on the turn's stream).</summary>
    public ResponsesEvent Event { get; }

    /// <inheritdoc/>
    public override string ToString() => $"InjectResult {{ Created = {Created}, ResponseId = {ResponseId}, ErrorCode = {ErrorCode} }}";
}
