using System;

namespace ProtocolCore.Client;

/// <summary>
/// The server's events broke the Responses protocol in a way the client cannot act on without losing data, e.g. a
/// <c>response.completed</c> without its <c>response</c>. The turn is not counted as done: its items do not join the
/// conversation, which stays at the last successful turn (as after <c>response.failed</c>).
/// </summary>
public sealed class ResponsesProtocolException : ProtocolCoreException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Says which rule the server's events broke; must not contain secrets.</param>
    public ResponsesProtocolException(string message)
        : base(message)
    {
    }
}
