using System;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Autobahn;

/// <summary>
/// One WebSocket client driven the way the fuzzing server expects: echo every text and binary message back until the
/// server closes. Implementations catch the client's own typed failures, because failing the connection is the
/// expected outcome of the bad-frame cases; anything else is a bug of the harness or the client and propagates.
/// </summary>
internal abstract class EchoAgent
{
    /// <summary>The agent name the reports use.</summary>
    public abstract string Name { get; }

    /// <summary>Connects to <paramref name="uri"/> and echoes until the server closes or the client fails.</summary>
    /// <param name="cancellationToken">The hang guard: when it fires the session is aborted, not awaited further.</param>
    public abstract Task<EchoSessionResult> EchoAsync(Uri uri, CancellationToken cancellationToken);

    /// <summary>Connects, returns the first text message and waits for the server's close (<c>/getCaseCount</c>).</summary>
    public abstract Task<string> ReceiveFirstTextAsync(Uri uri, CancellationToken cancellationToken);
}
