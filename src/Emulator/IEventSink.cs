using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;

namespace ProtocolCore.Emulator;

/// <summary>Where a response's events go: WebSocket messages, SSE, or a collector for non-streaming HTTP.</summary>
internal interface IEventSink
{
    /// <summary>Sends one event; the event is encoded before the call returns, so the caller may reuse it afterwards.</summary>
    ValueTask SendAsync(ResponsesEvent value, CancellationToken cancellationToken);

    /// <summary>Drops the transport without any closing handshake (the abrupt-close fault).</summary>
    void Abort();
}
