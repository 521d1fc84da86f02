using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Client;

public sealed partial class ResponsesConnection
{
    /// <summary>
    /// The next event of <paramref name="pending"/>, or null once it ended early (its <see cref="PendingResponse.Fault"/>
    /// says why). The I/O shell of <see cref="ReadTurnRouter"/>: the router decides (an event, the end, the read turn, a
    /// wait), this does the reading and the awaiting. On a connection with one response in flight an event reaches its
    /// caller in one hand-off from the socket loop, as with <c>ClientWebSocket</c>.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ResponsesEvent?> NextEventAsync(PendingResponse pending, CancellationToken cancellationToken)
    {
        while (true)
        {
            switch (_router.Next(pending, cancellationToken.IsCancellationRequested, out ResponsesEvent? buffered, out ValueTask wake))
            {
                case ReadStep.Event:
                    return buffered;
                case ReadStep.Ended:
                    return null;
                case ReadStep.Cancelled:
                    throw new OperationCanceledException(cancellationToken);
                case ReadStep.Read:
                    if (await ReadTurnAsync(pending, cancellationToken).ConfigureAwait(false) is { } own)
                    {
                        return own;
                    }

                    break;
                case ReadStep.Wait:
                    using (cancellationToken.CanBeCanceled
                        ? cancellationToken.UnsafeRegister(static state => ((PendingResponse)state!).Router.CancelWait((PendingResponse)state), pending)
                        : default)
                    {
                        await wake.ConfigureAwait(false);
                    }

                    break;
                default:
                    throw new UnreachableException();
            }
        }
    }

    /// <summary>
    /// Holds the read turn: reads messages and routes each event until one of <paramref name="pending"/>'s arrives
    /// (returned; routing it passed the turn on) or it ends (null). Gives the turn up on every other way out.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ResponsesEvent?> ReadTurnAsync(PendingResponse pending, CancellationToken cancellationToken)
    {
        bool holding = true;
        try
        {
            while (!pending.Ended)
            {
                ResponsesEvent item;
                long sequence;
                bool isView = false;
                ReadOnlyMemory<byte> payload;
                try
                {
                    WebSocketReceivedMessage message = await _socket.ReceiveAsync(cancellationToken).ConfigureAwait(false);
                    if (message.IsClose)
                    {
                        EndReceiving(new ResponsesConnectionClosedException(message.CloseStatus, $"The server closed the connection with {(int)message.CloseStatus}."));
                        return null;
                    }

                    if (!message.IsText)
                    {
                        continue;
                    }

                    sequence = message.Sequence;
                    Interlocked.Add(ref _bytesReceived, message.Payload.Length);
                    ResponsesClientDiagnostics.BytesReceived.Add(message.Payload.Length);

                    // Owned: the payload buffer is reused by the next receive, and callers keep events across turns. The
                    // view path decodes into its own buffer instead (valid until its next read, whoever receives next).
                    payload = message.Payload;
                    item = pending.Views is { } views ? views.Read(payload, out isView) : ResponsesEventJson.Parse(payload);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // This reader's timeout or cancellation, not the connection's: the caller decides what it costs.
                    throw;
                }
                catch (Exception e)
                {
                    // Anything else (a dropped socket, a malformed event, an abort) ends the connection for every lane.
                    EndReceiving(e);
                    return null;
                }

                while (true)
                {
                    RouteOutcome outcome = _router.Route(item, sequence, pending, isView, out ValueTask space);
                    if (outcome == RouteOutcome.Own)
                    {
                        // The turn has passed on: the next reader may have received already, so release this message
                        // by its number (never the one that reader holds now).
                        _socket.ReleaseReceived(sequence);
                        holding = false;
                        return item;
                    }

                    if (outcome == RouteOutcome.NeedsOwnedCopy)
                    {
                        // Another lane's event read as a view: its buffer keeps an owned copy (the payload is still
                        // this reader's: nothing was received since). A malformed one was decoded once already.
                        item = ResponsesEventJson.Parse(payload);
                        isView = false;
                        continue;
                    }

                    if (outcome != RouteOutcome.Full)
                    {
                        break;
                    }

                    using (cancellationToken.CanBeCanceled
                        ? cancellationToken.UnsafeRegister(static state => ((ReadTurnRouter)state!).CancelSpaceWait(), _router)
                        : default)
                    {
                        await space.ConfigureAwait(false);
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                }

                // Decoded (owned, or copied into the view buffer): the payload's buffer can go back now, not at the
                // next read, which on an idle connection may be a long way off.
                _socket.ReleaseReceived(sequence);
            }

            return null;
        }
        finally
        {
            if (holding)
            {
                _router.ReleaseTurn(pending);
            }
        }
    }

    /// <summary>Reading is over (close, failure, abort): every response in flight ends with <paramref name="fault"/>.</summary>
    private void EndReceiving(Exception fault) => _router.EndReceiving(fault);
}
