using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;
using ProtocolCore.Json;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Client;

public sealed partial class ResponsesConnection
{
    /// <summary>
    /// The next event of <paramref name="pending"/>, or null once it ended early (its <see cref="PendingResponse.Fault"/>
    /// says why). There is no router task: a reader whose buffer is empty takes the read turn, if free, and reads the
    /// socket itself, decoding on its own thread and routing other lanes' events to their buffers until one of its own
    /// arrives. So on a connection with one response in flight an event reaches its caller in one hand-off from the
    /// socket loop, as with <c>ClientWebSocket</c>. While another reader holds the turn, this one waits for an event
    /// or for the turn.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ResponsesEvent?> NextEventAsync(PendingResponse pending, CancellationToken cancellationToken)
    {
        while (true)
        {
            bool read = false;
            ValueTask wake = default;
            lock (_laneGate)
            {
                if (pending.TryDequeue(out ResponsesEvent? buffered))
                {
                    return buffered;
                }

                if (pending.Ended || cancellationToken.IsCancellationRequested)
                {
                    // A turn offered to this reader must not die with it.
                    OfferReadTurn();
                    cancellationToken.ThrowIfCancellationRequested();
                    return null;
                }

                if (!_reading)
                {
                    _reading = read = true;
                }
                else
                {
                    if (!pending.QueuedForReadTurn)
                    {
                        pending.QueuedForReadTurn = true;
                        _readTurnQueue.Enqueue(pending);
                    }

                    wake = pending.WaitForWake();
                }
            }

            if (read)
            {
                if (await ReadTurnAsync(pending, cancellationToken).ConfigureAwait(false) is { } own)
                {
                    return own;
                }

                continue;
            }

            using (cancellationToken.CanBeCanceled
                ? cancellationToken.UnsafeRegister(static state => ((PendingResponse)state!).CancelReaderWait(), pending)
                : default)
            {
                await wake.ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Holds the read turn: reads messages and routes each event until one of <paramref name="pending"/>'s arrives
    /// (returned) or it ends (null). Gives the turn up on the way out.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ResponsesEvent?> ReadTurnAsync(PendingResponse pending, CancellationToken cancellationToken)
    {
        try
        {
            while (!pending.Ended)
            {
                ResponsesEvent item;
                long index;
                try
                {
                    WebSocketReceivedMessage message = await _socket.ReceiveAsync(cancellationToken).ConfigureAwait(false);
                    if (message.IsClose)
                    {
                        EndReceiving(new ResponsesConnectionClosedException(message.CloseStatus, $"The server closed the connection with {(int)message.CloseStatus}."));
                        return null;
                    }

                    index = ++_messagesRead;
                    if (!message.IsText)
                    {
                        continue;
                    }

                    Interlocked.Add(ref _bytesReceived, message.Payload.Length);
                    ResponsesClientDiagnostics.BytesReceived.Add(message.Payload.Length);

                    // Owned: the payload buffer is reused by the next receive, and callers keep events across turns.
                    item = ResponsesEventReader.Parse(message.Payload.Span);
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

                if (await RouteAsync(item, index, pending, cancellationToken).ConfigureAwait(false))
                {
                    return item;
                }
            }

            return null;
        }
        finally
        {
            lock (_laneGate)
            {
                _reading = false;
                OfferReadTurn();
            }
        }
    }

    /// <summary>
    /// Hands an event to the response in flight on its lane: true when that is <paramref name="reader"/>'s own. Another
    /// lane's event goes to its buffer, waiting for room when that reader is this far behind (the socket has no per-lane
    /// flow control; bounded memory beats an unbounded backlog).
    /// </summary>
    private async ValueTask<bool> RouteAsync(ResponsesEvent item, long index, PendingResponse reader, CancellationToken cancellationToken)
    {
        bool terminal = ResponsesTerminal.IsTerminal(item);
        while (true)
        {
            ValueTask space;
            PendingResponse full;
            lock (_laneGate)
            {
                Lane? lane = FindLane(item.StreamId);
                PendingResponse? target = lane?.Active;
                if (target is not null && index <= target.ArmedAt)
                {
                    // Received before that response was armed (between turns, unread until now): not one of its events.
                    target = null;
                }

                if (target is null)
                {
                    if (item is ErrorEvent error && item.StreamId is null)
                    {
                        // An error without stream_id while the default lane had nothing in flight belongs to no request:
                        // it is connection-level, so every lane in flight when it arrived ends with it. (With the default
                        // lane in flight it is that response's error: the protocol gives no way to tell the two apart.)
                        EndLanesArmedBefore(index, error, fault: null);
                    }

                    // Anything else belongs to no response in flight (none is, on a healthy connection) and is dropped.
                    return false;
                }

                if (target == reader || target.TryEnqueue(item))
                {
                    if (terminal)
                    {
                        // Cleared now: once its reader sees the terminal event it may arm the lane's next response.
                        lane!.Active = null;
                    }

                    return target == reader;
                }

                full = target;
                space = target.WaitForSpace();
            }

            using (cancellationToken.CanBeCanceled
                ? cancellationToken.UnsafeRegister(static state => ((PendingResponse)state!).CancelSpaceWait(), full)
                : default)
            {
                await space.ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Reading is over (close, failure, abort): every response in flight ends with <paramref name="fault"/>.</summary>
    private void EndReceiving(Exception fault)
    {
        lock (_laneGate)
        {
            // Under the lock, so a response armed after this sees the flag instead of waiting for events that never come.
            _receiveEnded = true;
            EndLanesArmedBefore(long.MaxValue, error: null, fault);
        }
    }

    /// <summary>
    /// Under the lock: ends every response in flight that was armed before message number <paramref name="index"/>,
    /// with <paramref name="fault"/> or, for a connection-level <paramref name="error"/>, an exception per lane (each
    /// is thrown on its own caller's stack).
    /// </summary>
    private void EndLanesArmedBefore(long index, ErrorEvent? error, Exception? fault)
    {
        foreach (Lane lane in _lanes.Values)
        {
            if (lane.Active is { } pending && pending.ArmedAt < index)
            {
                lane.Active = null;
                pending.End(error is null ? fault! : ResponsesTerminal.ToException(error, SecretRedactor.For(_options)));
            }
        }
    }

    /// <summary>Under the lock: with the read turn free, wakes the first reader still waiting for it.</summary>
    private void OfferReadTurn()
    {
        if (_reading)
        {
            return;
        }

        while (_readTurnQueue.TryDequeue(out PendingResponse? next))
        {
            next.QueuedForReadTurn = false;
            if (next.WakeReader())
            {
                return;
            }
        }
    }

    /// <summary>Under the lock: the lane an event's <c>stream_id</c> names (none: the default lane), without a string per event.</summary>
    private Lane? FindLane(Utf8Text? streamId)
    {
        if (streamId is not { } id)
        {
            return _lanes.GetValueOrDefault(string.Empty);
        }

        // Lane keys are validated ids of at most MaxStreamIdLength ASCII characters: a longer one names no lane.
        Span<char> chars = stackalloc char[MaxStreamIdLength];
        return Encoding.UTF8.TryGetChars(id.Span, chars, out int length) && _lanesByName.TryGetValue(chars[..length], out Lane? lane)
            ? lane
            : null;
    }
}
