using System;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Scale.Client;

/// <summary>
/// One conversation in one client mode. A mode is one subclass (and one line in <see cref="ScaleModes"/>): connect,
/// run a turn (send the next <c>response.create</c>, chained with <c>previous_response_id</c> where the mode chains,
/// and read the turn's events through its terminal event, reporting each stamped delta to the probe), close.
/// </summary>
internal abstract class ScaleSession : IAsyncDisposable
{
    protected ScaleSession(ScaleSessionContext context) => Context = context;

    protected ScaleSessionContext Context { get; }

    /// <summary>Opens the connection, for modes that connect before their first turn (others connect in it).</summary>
    public virtual Task ConnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public abstract Task<TurnTally> RunTurnAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}
