using System;

namespace ProtocolCore.Client;

/// <summary>
/// HTTP mode could not reach the server (name resolution, TCP connect, TLS, proxy, or <c>ConnectTimeout</c>): nothing
/// was sent, so retrying is safe. The inner exception is the network's own error (or a
/// <see cref="ResponsesTimeoutException"/>).
/// </summary>
public sealed class ResponsesHttpConnectException : ProtocolCoreException
{
    /// <summary>Creates the exception for a request that never reached the server.</summary>
    /// <param name="message">Says which step failed; must not contain secrets.</param>
    /// <param name="innerException">The network's own error, or a <see cref="ResponsesTimeoutException"/>.</param>
    public ResponsesHttpConnectException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
