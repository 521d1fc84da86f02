using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;
using ProtocolCore.Models;

namespace ProtocolCore.Emulator;

/// <summary>Keeps only what a non-streaming <c>POST /v1/responses</c> returns: the final response object or the error.</summary>
internal sealed class CollectingEventSink : IEventSink
{
    public Response? Response { get; private set; }

    public ErrorEvent? Error { get; private set; }

    public bool Aborted { get; private set; }

    public ValueTask SendAsync(ResponsesEvent value, CancellationToken cancellationToken)
    {
        if (value is IResponseLifecycleEvent lifecycle)
        {
            Response = lifecycle.Response;
        }
        else if (value is ErrorEvent error)
        {
            Error = error;
        }

        return ValueTask.CompletedTask;
    }

    public void Abort() => Aborted = true;
}
