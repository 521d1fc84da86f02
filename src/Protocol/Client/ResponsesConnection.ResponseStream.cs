using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;
using ProtocolCore.Json;
using ProtocolCore.Requests;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Client;

public sealed partial class ResponsesConnection
{
    /// <summary>
    /// One response on the connection (<see cref="ResponsesConnection.SendAsync(ResponseCreateRequest, CancellationToken)"/>): sends
    /// <c>response.create</c> when first asked for an event, then yields the response's events through its terminal
    /// event, one per <see cref="MoveNextAsync"/>. Written out rather than as an async iterator so that the session's
    /// turns reuse one per lane (<see cref="ResponseLane.SpareStream"/>): an iterator is a new object (and a box for its
    /// first wait) per response. Each step is a pooled async method, so a steady response allocates none of this.
    /// </summary>
    /// <remarks>
    /// Only the library's own callers get a reused one (<see cref="IResponsesTransport.SendAsync"/>): they dispose it
    /// exactly once and never touch it afterwards, which is when it goes back to its lane. The public
    /// <see cref="ResponsesConnection.SendAsync(ResponseCreateRequest, CancellationToken)"/> hands out one of its own every time.
    /// </remarks>
    internal sealed class ResponseStream : IAsyncEnumerable<ResponsesEvent>, IAsyncEnumerator<ResponsesEvent>
    {
        private readonly ResponsesConnection _connection;
        private readonly bool _reusable;

        private ResponseCreateRequest? _request;
        private TurnViewReader? _views;
        private EnumerationToken _cancellation;
        private Phase _phase;

        private ResponseLane? _lane;
        private PendingResponse? _pending;

        /// <summary>The response ended where the lane can go on (its terminal event read, or nothing sent): the socket stays.</summary>
        private bool _finished;
        private long _sentAt;
        private int _count;
        private string? _responseId;
        private SteerSuccession _succession;
        private ResponsesEvent? _current;
        private bool _ended;
        private bool _enumerated;

        public ResponseStream(ResponsesConnection connection, bool reusable)
        {
            _connection = connection;
            _reusable = reusable;
        }

        private enum Phase
        {
            /// <summary>Bound to a request not sent yet.</summary>
            Bound,

            /// <summary>Holding the lane and an in-flight slot: sending, or between events.</summary>
            Holding,

            /// <summary>Over: nothing held, no more events.</summary>
            Done,
        }

        public ResponsesEvent Current => _current!;

        /// <summary>Binds the stream to a request (it is serialized and sent when the first event is asked for).</summary>
        public ResponseStream Bind(ResponseCreateRequest request, TurnViewReader? views, CancellationToken cancellationToken)
        {
            _request = request;
            _views = views;
            _cancellation.Bind(cancellationToken);
            _phase = Phase.Bound;
            _enumerated = false;
            return this;
        }

        /// <summary>
        /// The response's events, once (a second enumeration would send the request again); the caller's token joins the
        /// call's, as an async iterator's <c>[EnumeratorCancellation]</c> does.
        /// </summary>
        /// <exception cref="InvalidOperationException">The sequence was enumerated already.</exception>
        public IAsyncEnumerator<ResponsesEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            if (_enumerated)
            {
                throw new InvalidOperationException("A response's events can be enumerated once; send the request again for another response.");
            }

            _enumerated = true;
            _cancellation.Enumerate(cancellationToken);
            return this;
        }

        public ValueTask<bool> MoveNextAsync() => _phase == Phase.Done ? new(false) : MoveNextCoreAsync();

        /// <summary>Lets the lane go; mid-response the socket goes too (the unread rest would precede the lane's next response).</summary>
        public async ValueTask DisposeAsync()
        {
            try
            {
                await ReleaseAsync().ConfigureAwait(false);
            }
            finally
            {
                Recycle();
            }
        }

        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        private async ValueTask<bool> MoveNextCoreAsync()
        {
            ResponsesConnection connection = _connection;
            try
            {
                if (_phase == Phase.Bound)
                {
                    await SendRequestAsync().ConfigureAwait(false);
                }

                if (_ended)
                {
                    // The terminal event was handed out: the lane goes on with its next response.
                    await ReleaseAsync().ConfigureAwait(false);
                    return false;
                }

                PendingResponse pending = _pending!;
                EventWaitTimeout timeout = pending.Timeout;

                // An event already buffered needs no timeout; one is counted only while waiting, not while the caller
                // handles the event, so a slow consumer is not mistaken for a silent server.
                ValueTask<ResponsesEvent?> next = connection.NextEventAsync(pending, timeout.Token);
                ResponsesEvent? item;
                if (next.IsCompletedSuccessfully)
                {
                    item = next.Result;
                }
                else
                {
                    timeout.BeginWait(_count == 0 ? connection._options.FirstEventTimeout : connection._options.IdleTimeout);
                    try
                    {
                        item = await next.ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!_cancellation.Token.IsCancellationRequested)
                    {
                        throw ResponseInterruptedException.Create(_responseId, _count, ResponsesTimeoutException.ForEventWait(connection._options, _count));
                    }
                    finally
                    {
                        timeout.EndWait();
                    }
                }

                if (item is null)
                {
                    // Reading ended this response early: a connection-level error, a close, or a broken connection.
                    if (pending.Fault is ResponsesApiException apiError)
                    {
                        // A response that had started may still be running on the server: the rest of its events
                        // would land in the lane's next response, so then the socket goes (_finished stays false).
                        _finished = _count == 0;
                        throw apiError;
                    }

                    throw ResponseInterruptedException.Create(_responseId, _count, pending.Fault);
                }

                if (_count++ == 0)
                {
                    ResponsesClientDiagnostics.TimeToFirstEvent.Record(Stopwatch.GetElapsedTime(_sentAt).TotalSeconds);
                }

                if (item is IResponseLifecycleEvent { Response.Id: { } id })
                {
                    _responseId = id;
                }

                _ended = _succession.Ends(item);
                _finished = _ended;
                _current = item;
                return true;
            }
            catch
            {
                await ReleaseAsync().ConfigureAwait(false);
                throw;
            }
        }

        /// <summary>
        /// Sends the request: the lane's turn and an in-flight slot first (held from here until <see cref="ReleaseAsync"/>),
        /// then the response armed (its first event can arrive before the send returns), then the frame.
        /// </summary>
        private async ValueTask SendRequestAsync()
        {
            ResponsesConnection connection = _connection;
            ResponseCreateRequest? request = _request;
            ArgumentNullException.ThrowIfNull(request);
            ValidateStreamId(request.StreamId, nameof(request));
            connection.Lanes.Admit(request.StreamId);

            // Rented: sent once, then given back (an exception before the send leaves it to the GC, which is allowed).
            byte[] payload = ProtocolJson.RentUtf8Bytes(request, out int payloadLength);
            ResponsesRequestTooLargeException.ThrowIfTooLarge(payloadLength, connection._options.MaxRequestMessageBytes, "response.create");
            ResponseLane lane = connection._router.GetLane(request.StreamId ?? string.Empty);
            await lane.Gate.WaitAsync(_cancellation.Token).ConfigureAwait(false);
            try
            {
                await connection._inFlight.WaitAsync(_cancellation.Token).ConfigureAwait(false);
            }
            catch
            {
                lane.Gate.Release();
                throw;
            }

            _lane = lane;
            _phase = Phase.Holding;
            _finished = false;
            if (!connection.IsOpen)
            {
                _finished = true;
                throw new ResponsesConnectionClosedException(connection.CloseStatus, $"The connection is closed ({(connection.CloseStatus is { } s ? ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture) : "no close code")}); nothing was sent.");
            }

            if (Interlocked.Increment(ref connection._responses) > 1)
            {
                ResponsesClientDiagnostics.Reuses.Add(1);
            }

            // Armed before sending: the first event can arrive before SendTextAsync returns. Every message received
            // so far (read or not) is numbered at most ReceivedMessageCount, so none of them is taken for its events.
            _pending = connection._router.Arm(lane, connection._socket.ReceivedMessageCount, _views);
            if (_pending is null)
            {
                _finished = true;
                throw new ResponsesConnectionClosedException(connection.CloseStatus, "The connection closed; nothing was sent.");
            }

            _sentAt = Stopwatch.GetTimestamp();
            try
            {
                try
                {
                    await connection._socket.SendTextAsync(payload.AsMemory(0, payloadLength), _cancellation.Token).ConfigureAwait(false);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(payload);
                }
            }
            catch (WebSocketConnectionException e) when (e.Error == WebSocketConnectionError.Closed)
            {
                // The transport refused before writing a byte (closing or closed): nothing was sent, so a retry on a
                // new connection is not a replay. _finished stays false: the socket goes, so the retry cannot pick it.
                throw new ResponsesConnectionClosedException(connection.CloseStatus, "The connection closed before the request could be sent; nothing was sent.", e);
            }
            catch (Exception e) when (e is not OperationCanceledException || !_cancellation.Token.IsCancellationRequested)
            {
                // Failed part-way (or we cannot tell): some of the frame may be on the wire, so it is never replayed.
                throw ResponseInterruptedException.Create(null, 0, e);
            }

            Interlocked.Add(ref connection._bytesSent, payloadLength);
            ResponsesClientDiagnostics.BytesSent.Add(payloadLength);

            // The lane's reused timeout (see PendingResponse): stopped in ReleaseAsync, before the lane can reuse it.
            _pending.Timeout.Start(_cancellation.Token);
        }

        /// <summary>
        /// Lets go of what the response held, once: its timeout and routing, the socket when the response stopped
        /// mid-way, then always the in-flight slot and the lane, so a lane or connection never stays blocked.
        /// </summary>
        private async ValueTask ReleaseAsync()
        {
            if (_phase != Phase.Holding)
            {
                _phase = Phase.Done;
                return;
            }

            _phase = Phase.Done;
            ResponsesConnection connection = _connection;
            ResponseLane lane = _lane!;
            try
            {
                if (_pending is { } pending)
                {
                    pending.Timeout.Stop();
                    connection._router.Detach(lane, pending);
                }

                if (!_finished)
                {
                    // Mid-response: unread events would precede the lane's next response, so the socket cannot be reused.
                    await connection.AbortAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                connection._inFlight.Release();
                lane.Gate.Release();
            }
        }

        /// <summary>The caller is done with it: it forgets the response and, when reusable, waits on its lane for the next one.</summary>
        private void Recycle()
        {
            ResponseLane? lane = _lane;
            _phase = Phase.Done;
            _request = null;
            _views = null;
            _cancellation.Reset();
            _lane = null;
            _pending = null;
            _finished = false;
            _count = 0;
            _responseId = null;
            _succession = default;
            _current = null;
            _ended = false;
            if (_reusable && lane is not null)
            {
                Volatile.Write(ref lane.SpareStream, this);
            }
        }
    }
}
