using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Client;

/// <summary>
/// HTTP mode: every attempt is a <c>POST</c> through one <see cref="ResponsesHttpTransport"/>. There is no
/// connection-local cache, so a request chains only through the server's store.
/// </summary>
internal sealed class HttpSessionTransport(ResponsesClientOptions options, SessionTraffic traffic) : ISessionTransport
{
    public ResponsesTransportMode Mode => ResponsesTransportMode.Http;

    public ValueTask<TurnWire?> AcquireAsync(string? lane, string? chainFrom, CancellationToken cancellationToken) =>
        ValueTask.FromResult<TurnWire?>(new TurnWire(traffic.Http ??= new ResponsesHttpTransport(options), ChainSite.NoCache));

    public ValueTask ReplaceConnectionAsync() => ValueTask.CompletedTask;

    public ValueTask EndTurnAsync(ChainAnchor? anchor) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        traffic.Http?.Dispose();
        return ValueTask.CompletedTask;
    }
}
