using System;
using System.Buffers;
using System.IO;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.WebSockets;

public sealed partial class WebSocketConnection
{
    /// <summary>
    /// The receive loop: the only code that calls <see cref="PipeReader.ReadAsync"/> and
    /// <see cref="PipeReader.AdvanceTo(SequencePosition, SequencePosition)"/>, once per iteration, in a finally.
    /// Consumed is the end of the last whole frame; examined is the end of the buffer only when a frame is incomplete,
    /// so the next read waits for new bytes instead of spinning. With nothing buffered it waits for data first
    /// (<see cref="BeginDataWait"/>), so the pipe rents its read buffer only once there is something to read.
    /// </summary>
    private async Task ReceiveLoopAsync()
    {
        // Start on the thread pool: the constructor must not run the loop's first read inline.
        await Task.Yield();

        WebSocketReceivedMessage closeMessage = default;
        Exception? failure = null;
        Socket? socket = (_stream as NetworkStream)?.Socket;
        try
        {
            bool closed = false;
            while (!closed)
            {
                // Bytes the upgrade read past its response are in the pipe already; otherwise wait without a buffer.
                // Messages published since the last wait go to the consumer here, inline once this loop is suspended.
                if (!_reader.TryRead(out ReadResult result))
                {
                    // Awaited here rather than in an async method of its own: this method's state machine is allocated
                    // once per connection, a helper's once per wait that suspends (~120 B a wait, most events).
                    bool waited;
                    do
                    {
                        ValueTask<int> wait = BeginDataWait();
                        waited = !wait.IsCompleted;
                        try
                        {
                            await new DataWaitHandOff(wait, _queue);
                        }
                        finally
                        {
                            if (waited)
                            {
                                _queue.SetProducerIdle(false, 0);
                            }
                        }
                    }
                    while (waited && socket is not null && !socket.Poll(0, SelectMode.SelectRead));

                    result = await _reader.ReadAsync(_abort.Token).ConfigureAwait(false);
                }

                ReadOnlySequence<byte> buffer = result.Buffer;
                SequencePosition consumed = buffer.Start;
                SequencePosition examined = buffer.End;
                try
                {
                    while (true)
                    {
                        WebSocketConnectionEvent received = _core.Receive(buffer, out WebSocketMessage message, out SequencePosition frameEnd);
                        if (received == WebSocketConnectionEvent.NeedMoreData)
                        {
                            // Frames of a fragmented message before frameEnd are in the assembler: release them.
                            consumed = frameEnd;
                            break;
                        }

                        switch (received)
                        {
                            case WebSocketConnectionEvent.Message when !_core.CloseSent:
                                // Backpressure: with the queue full, stop here (the pipe keeps the frame) until the consumer catches up.
                                // Published without a wake: the consumer is woken once the loop waits (DataWaitHandOff).
                                while (!_queue.TryPublish(message.Opcode, message.Payload))
                                {
                                    _queue.WakeConsumer(inline: false);
                                    Volatile.Write(ref _waitingForConsumer, true);
                                    await _queue.WaitForSpaceAsync().ConfigureAwait(false);
                                    Volatile.Write(ref _waitingForConsumer, false);
                                    _abort.Token.ThrowIfCancellationRequested();
                                }

                                break;
                            case WebSocketConnectionEvent.PingReceived or WebSocketConnectionEvent.PongReceived:
                                // The control loop sends the pong (unless a send carries it first) or reschedules the next ping.
                                SignalControl();
                                break;
                            case WebSocketConnectionEvent.PongsBacklogged:
                                // A ping flood outran the control loop: answer the waiting pings before reading on.
                                _queue.WakeConsumer(inline: false);
                                await SendPendingPongsAsync(_abort.Token).ConfigureAwait(false);
                                continue;
                            case WebSocketConnectionEvent.CloseReceived:
                                closeMessage = new WebSocketReceivedMessage(message.CloseStatus, Encoding.UTF8.GetString(message.CloseReason));
                                consumed = frameEnd;
                                examined = frameEnd;
                                closed = true;
                                break;
                            case WebSocketConnectionEvent.ProtocolError:
                                throw new WebSocketProtocolException(_core.Error);
                        }

                        if (closed)
                        {
                            break;
                        }

                        buffer = buffer.Slice(frameEnd);
                        consumed = frameEnd;
                        examined = buffer.End;
                    }
                }
                finally
                {
                    _reader.AdvanceTo(consumed, examined);
                }

                if (!closed && result.IsCompleted)
                {
                    throw new WebSocketConnectionException(WebSocketConnectionError.ConnectionLost, "The server closed the connection without a close frame.");
                }
            }

            _queue.WakeConsumer(inline: false);
            await FinishPeerCloseAsync(closeMessage).ConfigureAwait(false);
        }
        catch (WebSocketProtocolException e)
        {
            failure = e;
            await DeliverQueuedMessagesAsync().ConfigureAwait(false);
            await SendCloseForFailureAsync(e.CloseStatus, e.Reason).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            failure = _failure;
        }
        catch (Exception e)
        {
            // IOException, SocketException, ObjectDisposedException: the transport went away. Anything else would be a
            // bug; it too ends the connection with a typed failure rather than faulting Completion and DisposeAsync.
            failure = e as WebSocketConnectionException
                ?? new WebSocketConnectionException(WebSocketConnectionError.ConnectionLost, "The connection was lost.", e);
        }
        finally
        {
            await TeardownAsync(closeMessage, failure).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Starts waiting until the stream has data (or has ended) without holding a buffer: a zero-byte read, which sockets
    /// and <see cref="System.Net.Security.SslStream"/> complete once data arrives; a stream that completes it at once
    /// just costs a call. A wait that does not complete at once means the connection may be going idle: the receive
    /// queue notes since when (the caller clears that when the wait ends), and <see cref="WebSocketConnectionIdleTrimmer"/>
    /// gives its buffers back if no data comes for a while (between a stream's deltas they are kept and reused). On a
    /// socket a zero-byte read can also complete for data an earlier read already took (a readiness edge that arrived
    /// during that read), so the caller repeats the wait until the socket really is readable (data, or its end). A wait
    /// that completed at once needs no such check: the socket's zero-byte read is a one-byte peek, so completing at once
    /// means the peek found data (a poll per event is a system call the receive loop saves whenever data was already
    /// waiting, as it is when it runs behind).
    /// </summary>
    private ValueTask<int> BeginDataWait()
    {
        // Marked idle before the read is issued, so once the read is seen pending the queue can be trimmed.
        _queue.SetProducerIdle(true, Environment.TickCount64);
        ValueTask<int> wait = _stream.ReadAsync(Memory<byte>.Empty, _abort.Token);
        if (wait.IsCompleted)
        {
            _queue.SetProducerIdle(false, 0);
            return wait;
        }

        // The fragment buffer is needed only while a fragmented message is being assembled: none is now.
        _core.ReleaseIdleBuffers();
        if (_idleReleaseDelayMilliseconds >= 0 && Interlocked.Exchange(ref _idleTrimRegistered, 1) == 0)
        {
            WebSocketConnectionIdleTrimmer.Register(this);
        }

        return wait;
    }

    /// <summary>
    /// The peer sent its close: echo its code (unless we closed first), then give it the close timeout to close TCP,
    /// as RFC 6455 §7.1.1 asks of a client.
    /// </summary>
    private async Task FinishPeerCloseAsync(WebSocketReceivedMessage closeMessage)
    {
        CloseStatus = closeMessage.CloseStatus;
        CloseStatusDescription = closeMessage.CloseReason;
        if (!_core.CloseSent)
        {
            using var timeout = new CancellationTokenSource(_closeTimeout);
            try
            {
                await WriteControlAsync(ControlWrite.CloseReply, default, null, default, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketConnectionException)
            {
                // The peer closed (or reset) without waiting for our echo: its close stands, the close is clean.
                return;
            }
        }

        using var drain = new CancellationTokenSource(_closeTimeout);
        try
        {
            while (true)
            {
                ReadResult result = await _reader.ReadAsync(drain.Token).ConfigureAwait(false);
                _reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The server kept the socket open (or reset it): we close our side regardless.
        }
    }

    /// <summary>Sends the close the core owes for the protocol error (its code and fixed reason), unless ours went out already.</summary>
    private async Task SendCloseForFailureAsync(WebSocketCloseCode status, string reason)
    {
        CloseStatus = status;
        CloseStatusDescription = reason;
        if (_core.CloseSent)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(_closeTimeout);
        try
        {
            await WriteControlAsync(ControlWrite.CloseReply, default, null, default, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketConnectionException)
        {
            // Failing the connection: the socket is closed next whether or not the close frame made it.
        }
    }

    /// <summary>
    /// Before failing for a protocol error, lets the consumer take (and react to) the valid messages that arrived ahead
    /// of the bad frame, as a reader that pulls frames one at a time would: a reply it sends to them goes out before
    /// our close. Bounded by the close timeout, so a consumer that stopped reading cannot hold a broken connection open.
    /// </summary>
    private async Task DeliverQueuedMessagesAsync()
    {
        _queue.WakeConsumer(inline: false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
        timeout.CancelAfter(_closeTimeout);
        try
        {
            while (true)
            {
                ValueTask drained = _queue.WaitUntilEmptyAsync();
                if (drained.IsCompleted)
                {
                    return;
                }

                await drained.AsTask().WaitAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Timed out, or disposed meanwhile: fail now; the queued messages are still delivered before the failure.
        }
    }

    /// <summary>Ends everything once: the queue gets the close or the failure, the control loop stops, the socket closes.</summary>
    private async Task TeardownAsync(WebSocketReceivedMessage closeMessage, Exception? failure)
    {
        if (failure is not null && CloseStatus is null)
        {
            CloseStatus = failure is WebSocketConnectionException connection ? connection.CloseStatus : WebSocketCloseCode.AbnormalClosure;
            CloseStatusDescription = failure.Message;
        }

        _queue.Complete(closeMessage, failure);
        Interlocked.CompareExchange(ref _failure, failure ?? new WebSocketConnectionException(WebSocketConnectionError.Aborted, "The connection is closed."), null);
        try
        {
            _abort.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Disposed concurrently; nothing left to cancel.
        }

        // Closing the stream fails any write in progress, so the send lock is released promptly.
        try
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // A TLS close_notify that cannot be sent any more: the socket is closed all the same.
        }

        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            _writerCompleted = true;

            // Completing the writer flushes what a failed send left in it, into the stream just disposed: that
            // failure is expected and must not escape into Completion or DisposeAsync.
            await _writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The bytes had nowhere to go; the connection is over either way.
        }
        finally
        {
            _sendLock.Release();
        }

        await _reader.CompleteAsync().ConfigureAwait(false);
        _core.Dispose();
        _inflater?.Dispose();
        _deflater?.Dispose();
    }
}
