using System;

namespace ProtocolCore.Client;

/// <summary>
/// The connection dropped after a request was sent and before its terminal event. The server may have started (and
/// may finish) that response, so the client did <b>not</b> replay it: the caller decides whether running it again is safe.
/// </summary>
public sealed class ResponseInterruptedException : ProtocolCoreException
{
    /// <summary>Creates the exception for a response cut off after its request was sent.</summary>
    /// <param name="message">Says what was lost; must not contain secrets.</param>
    /// <param name="responseId">The id from <c>response.created</c>, or null when the drop came before it.</param>
    /// <param name="eventsReceived">How many events of the response arrived before the drop.</param>
    /// <param name="innerException">Why the connection ended (for example a <see cref="ResponsesConnectionClosedException"/>), if known.</param>
    public ResponseInterruptedException(string message, string? responseId, int eventsReceived, Exception? innerException)
        : base(message, innerException)
    {
        ResponseId = responseId;
        EventsReceived = eventsReceived;
    }

    /// <summary>The response id from <c>response.created</c>, when it arrived before the drop.</summary>
    public string? ResponseId { get; }

    /// <summary>How many events of the interrupted response arrived.</summary>
    public int EventsReceived { get; }

    internal static ResponseInterruptedException Create(string? responseId, int eventsReceived, Exception? inner) => new(
        $"The connection was lost after the request was sent and before its terminal event ({eventsReceived} event(s) received" +
        (responseId is null ? ")" : $", response {responseId})") +
        ". The request may have started on the server and was NOT replayed.",
        responseId,
        eventsReceived,
        inner);
}
