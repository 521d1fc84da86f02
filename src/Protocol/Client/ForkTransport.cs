using System.Collections.Generic;
using System.Threading.Tasks;
using System.Runtime.CompilerServices;
using System.Threading;
using ProtocolCore.Events;
using ProtocolCore.Requests;

namespace ProtocolCore.Client;

/// <summary>
/// A fork's request chained from its parent: sends on the connection and opens the <see cref="ForkGate"/> as soon as
/// the server has read the parent (<c>response.in_progress</c>) or the request ended any other way, so the parent's
/// lane waits no longer than it must. A success retires the gate: the fork chains from its own lane from then on.
/// </summary>
internal sealed class ForkTransport(ResponsesConnection connection, LaneManager lanes, ForkGate gate) : IResponsesTransport
{
    public long BytesSent => connection.BytesSent;

    public long BytesReceived => connection.BytesReceived;

    public ResponsesServerHeaders? ServerHeaders => connection.UpgradeHeaders;

    public async IAsyncEnumerable<ResponsesEvent> SendAsync(ResponseCreateRequest request, TurnViewReader? views, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            await foreach (ResponsesEvent item in ((IResponsesTransport)connection).SendAsync(request, views, cancellationToken).ConfigureAwait(false))
            {
                if (item is ResponseInProgressEvent || ResponsesTerminal.IsTerminal(item))
                {
                    lanes.Release(gate);
                }

                if (item is ResponseCompletedEvent or ResponseDoneEvent or ResponseIncompleteEvent)
                {
                    lanes.Retire(gate);
                }

                yield return item;
            }
        }
        finally
        {
            // Refused, interrupted, cancelled or abandoned: the parent's lane must never stay blocked.
            lanes.Release(gate);
        }
    }
}
