using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;
using ProtocolCore.Models;
using ProtocolCore.Requests;

namespace ProtocolCore.Client;

public sealed partial class ResponsesSession
{
    /// <summary>
    /// The session's idle turn machine: turns run one at a time, so one serves them all; a caller that starts a turn
    /// while another one's machine is still out gets a machine of its own (kept here afterwards if none is).
    /// </summary>
    private TurnRun? _spareRun;

    /// <summary>A turn's events: a machine (the spare, when free) bound to the turn's arguments, behind a handle of its own.</summary>
    private IAsyncEnumerable<ResponsesEvent> StartTurn(IEnumerable<InputItem> newItems, bool generate, bool views, CancellationToken cancellationToken)
    {
        TurnRun run = Interlocked.Exchange(ref _spareRun, null) ?? new TurnRun(this);
        return run.Bind(newItems, generate, views, cancellationToken);
    }

    /// <summary>
    /// The turn loop of every entry point (<see cref="RunTurnAsync"/>, <see cref="ReadTurnAsync"/>,
    /// <see cref="CompleteTurnAsync"/>, <see cref="WarmUpAsync"/>): attempts, retries, reconnects and the end of the
    /// turn, one event per <see cref="MoveNextAsync"/>. Written out rather than as an async iterator so that one instance
    /// serves the session's turns: an iterator is a new object (and a box for its first wait) on every turn. Each step is
    /// a pooled async method, so a steady turn allocates none of this machinery.
    /// </summary>
    /// <remarks>
    /// The caller sees a <see cref="TurnEvents"/> handle per turn: once the turn is over the machine goes back to the
    /// session (<see cref="_spareRun"/>) and a later turn may take it, so whatever an earlier caller still does with its
    /// handle (dispose it again, ask for more) must not reach the machine. Every handle call checks the turn it was made
    /// for (<see cref="Version"/>).
    /// </remarks>
    internal sealed class TurnRun
    {
        private readonly ResponsesSession _session;

        /// <summary>The turn's new items, copied when the turn is called (the caller may change its own list afterwards).</summary>
        private readonly List<InputItem> _newItems = [];

        /// <summary><see cref="_newItems"/> as a chained request's input (one wrapper for every turn).</summary>
        private readonly ResponseInput _newInput;

        private bool _generate;
        private bool _views;
        private EnumerationToken _cancellation;
        private Phase _phase;

        private TurnTelemetry? _telemetry;
        private TurnStart _start;
        private TurnViewReader? _viewReader;
        private int _retries;
        private int _reconnects;
        private RequestSizeFallback? _oversize;
        private TurnWire _wire;
        private ChainPlan _plan;

        /// <summary>The attempt's events, open from its start to its end (null between attempts).</summary>
        private IAsyncEnumerator<ResponsesEvent>? _events;
        private ResponsesEvent? _current;

        /// <summary>The event just handed out ends the turn with an error, thrown when the caller asks for the next one.</summary>
        private ErrorEvent? _errorAfterYield;

        /// <summary>The terminal event just handed out could not be chained from, thrown when the caller asks for the next one.</summary>
        private ResponsesProtocolException? _malformedAfterYield;

        public TurnRun(ResponsesSession session)
        {
            _session = session;
            _newInput = new ResponseInput(_newItems);
        }

        private enum Phase
        {
            /// <summary>Bound to a turn that has not been asked for an event yet.</summary>
            Bound,

            /// <summary>Holding the turn lock: between events, or between attempts.</summary>
            Running,

            /// <summary>Over (or never started): nothing is held, and the machine is back with the session.</summary>
            Ended,
        }

        /// <summary>Which turn the machine serves now: a handle made for another one finds the turn over.</summary>
        public int Version { get; private set; }

        /// <summary>The event the last <see cref="MoveNextAsync"/> handed out.</summary>
        public ResponsesEvent Current => _current!;

        /// <summary>Binds the machine to a turn (the items are copied now, as the call's arguments) and returns its handle.</summary>
        public TurnEvents Bind(IEnumerable<InputItem> newItems, bool generate, bool views, CancellationToken cancellationToken)
        {
            try
            {
                _newItems.AddRange(newItems);
            }
            catch
            {
                _newItems.Clear();
                _session._spareRun = this;
                throw;
            }

            _generate = generate;
            _views = views;
            _cancellation.Bind(cancellationToken);
            _phase = Phase.Bound;
            return new TurnEvents(this, Version);
        }

        /// <summary>
        /// The caller starts enumerating: its token joins the call's, as an async iterator's <c>[EnumeratorCancellation]</c>
        /// does (either alone when the other cannot cancel or is the same, else both linked).
        /// </summary>
        public void Enumerate(CancellationToken cancellationToken) => _cancellation.Enumerate(cancellationToken);

        public ValueTask<bool> MoveNextAsync() => _phase == Phase.Ended ? new(false) : MoveNextCoreAsync();

        /// <summary>Ends the turn where it is (closing a response still streaming, as its transport does when abandoned).</summary>
        public async ValueTask DisposeAsync()
        {
            if (_phase == Phase.Ended)
            {
                return;
            }

            try
            {
                await EndAsync().ConfigureAwait(false);
            }
            finally
            {
                Recycle();
            }
        }

        /// <summary>One step of the turn: up to its next event (true) or its end (false); what ends it otherwise is thrown.</summary>
        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        private async ValueTask<bool> MoveNextCoreAsync()
        {
            ResponsesSession session = _session;
            try
            {
                if (_phase == Phase.Bound)
                {
                    ResponsesConnection.ValidateStreamId(session.Template.StreamId, nameof(Template));
                    await session._turnLock.WaitAsync(_cancellation.Token).ConfigureAwait(false);
                    Begin();
                }

                if (_errorAfterYield is { } terminalError)
                {
                    _errorAfterYield = null;
                    throw ResponsesTerminal.ToException(terminalError, SecretRedactor.For(session._options), _wire.Transport.ServerHeaders);
                }

                if (_malformedAfterYield is { } malformed)
                {
                    _malformedAfterYield = null;
                    throw malformed;
                }

                while (true)
                {
                    if (_events is null)
                    {
                        await BeginAttemptAsync().ConfigureAwait(false);
                    }

                    // The caller asked for the next event and the session is done with the last (the error or protocol
                    // failure it ends with was built above): its view's decoder serves whoever decodes next.
                    _viewReader?.ReleaseDecoder();
                    TurnAttempt attempt = session._attempt;
                    TurnAttemptOutcome outcome = TurnAttemptOutcome.Finished;
                    bool has;
                    try
                    {
                        has = await _events!.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (ResponseInterruptedException e) when (ObserverReport.TurnInterrupted(session._options, e))
                    {
                        throw; // Never reached: the filter only reports.
                    }
                    catch (ResponsesConnectionClosedException) when (!attempt.Started)
                    {
                        // Closed before anything was sent: reconnecting and sending is not a replay.
                        outcome = TurnAttemptOutcome.ClosedBeforeSend;
                        has = false;
                    }
                    catch (ResponsesApiException e) when (e.Code == ConversationChain.PreviousResponseNotFound && !attempt.Started && ConversationChain.CanRecoverFromNotFound(_plan))
                    {
                        outcome = TurnAttemptOutcome.PreviousResponseNotFound;
                        has = false;
                    }
                    catch (ResponsesRequestTooLargeException e) when (!attempt.Started && (_oversize ??= new()).TryNext(e, _plan, session._chain, session.Template, session._options))
                    {
                        // Refused before a byte was written: the next attempt chains through the store or goes over HTTP.
                        outcome = TurnAttemptOutcome.RequestTooLarge;
                        has = false;
                    }

                    ResponsesEvent? item = has ? _events!.Current : null;
                    if (item is not null && !attempt.Started && item is ErrorEvent error && session.RetryFor(error, _plan, _reconnects) is { } retry)
                    {
                        // An error before response.created: the request did not start, so sending again is safe.
                        outcome = retry;
                        item = null;
                    }

                    if (item is null)
                    {
                        await CloseAttemptAsync().ConfigureAwait(false);
                        if (outcome == TurnAttemptOutcome.Finished)
                        {
                            await EndAsync().ConfigureAwait(false);
                            Recycle();
                            return false;
                        }

                        await PrepareRetryAsync(outcome).ConfigureAwait(false);
                        continue;
                    }

                    attempt.Observe(item);
                    if (session._steering.Observe(item))
                    {
                        // A steered end: the successor's events follow on this stream.
                        session.HandOff(attempt, item);
                    }
                    else if (ResponsesTerminal.IsTerminal(item))
                    {
                        _malformedAfterYield = session.Finish(attempt, item, _start, _wire.Transport);
                    }

                    _errorAfterYield = item as ErrorEvent;
                    _current = item;
                    return true;
                }
            }
            catch
            {
                // As an iterator's finally blocks: the attempt's events are closed, then the turn ends, before the caller sees the error.
                try
                {
                    await EndAsync().ConfigureAwait(false);
                }
                finally
                {
                    Recycle();
                }

                throw;
            }
        }

        /// <summary>The turn holds the session: its span, its steering, its clock and (on the view path) its decoder.</summary>
        private void Begin()
        {
            ResponsesSession session = _session;
            _phase = Phase.Running;
            _telemetry = TurnTelemetry.Begin(session);
            session._steering.BeginTurn();
            _start = new TurnStart(Stopwatch.GetTimestamp(), session.BytesSent, session.BytesReceived);
            _viewReader = _views ? session.BeginViewTurn() : null;
            _retries = 0;
            _reconnects = 0;
            _oversize = null;
        }

        /// <summary>An attempt goes out: its wire, the chain's plan for it, its request, and its events opened.</summary>
        private async ValueTask BeginAttemptAsync()
        {
            ResponsesSession session = _session;
            bool overHttp = _oversize?.OverHttp == true;
            TurnWire wire = overHttp ? RequestSizeFallback.HttpWire(session._options, session._traffic) : await session.AcquireWireAsync(_cancellation.Token).ConfigureAwait(false);
            ChainPlan plan = _oversize is null ? session._chain.Plan(session.Template, wire.Site) : _oversize.Plan(session._chain, session.Template, wire.Site);
            ResponseCreateRequest request = session._chain.BuildRequest(session.Template, plan, _newItems, _generate, into: session._request, newInput: _newInput);
            ResponsesTransportMode mode = overHttp ? ResponsesTransportMode.Http : session.Mode;
            session._attempt.Begin(mode, plan, _newItems, _retries, _viewReader);
            _telemetry?.Attempt(mode, plan.FullContext, _retries);
            session._steering.Attach(wire.Transport);
            _wire = wire;
            _plan = plan;
            _events = wire.Transport.SendAsync(request, _viewReader, _cancellation.Token).GetAsyncEnumerator(_cancellation.Token);
        }

        /// <summary>The attempt's events are closed (an unfinished response closes its connection, as its transport decides).</summary>
        private ValueTask CloseAttemptAsync()
        {
            IAsyncEnumerator<ResponsesEvent>? events = _events;
            _events = null;
            return events?.DisposeAsync() ?? default;
        }

        /// <summary>
        /// A request the server did not start: it is sent again, within the budget, after what its outcome calls for. A
        /// refused oversized request was never written, so its smaller or HTTP resend is not a retry.
        /// </summary>
        private async ValueTask PrepareRetryAsync(TurnAttemptOutcome outcome)
        {
            ResponsesSession session = _session;
            if (outcome != TurnAttemptOutcome.RequestTooLarge)
            {
                _retries++;
            }

            switch (outcome)
            {
                case TurnAttemptOutcome.PreviousResponseNotFound:
                    // The next plan finds no anchor, so the request carries the full context.
                    ObserverReport.PreviousResponseNotFound(session._options, _plan.PreviousResponseId);
                    session._chain.ForgetAnchor(_plan);
                    break;
                case TurnAttemptOutcome.ConnectionLimitReached:
                    ObserverReport.ConnectionLimitReached(session._options, session._traffic.Connection);
                    await session._transport.ReplaceConnectionAsync().ConfigureAwait(false);
                    await ReconnectPolicy.BackoffAsync(session._options, _reconnects++, _cancellation.Token).ConfigureAwait(false);
                    break;
                case TurnAttemptOutcome.ClosedBeforeSend:
                    if (++_reconnects > session._options.MaxReconnectAttempts)
                    {
                        throw new ResponsesConnectionClosedException(session._traffic.Connection?.CloseStatus, "The connection kept closing before the request could be sent.");
                    }

                    // The next attempt's wire is a fresh connection: the transport replaces a closed one.
                    break;
            }
        }

        /// <summary>
        /// The end of the turn, however it ended: the attempt's events closed, then everything the turn held let go (the
        /// request's input, steering, the transport's turn, the decoder, the lock). Nothing when the turn never began.
        /// </summary>
        private async ValueTask EndAsync()
        {
            if (_phase != Phase.Running)
            {
                return;
            }

            _phase = Phase.Ended;
            ResponsesSession session = _session;
            try
            {
                await CloseAttemptAsync().ConfigureAwait(false);
            }
            finally
            {
                // The request object outlives the turn: it must not keep a full-context input list alive until the next one.
                session._request.Input = null;
                session._steering.EndTurn();
                try
                {
                    await session._transport.EndTurnAsync(session._chain.Anchor).ConfigureAwait(false);
                }
                finally
                {
                    session.ReturnViewReader();
                    session._turnLock.Release();
                }
            }
        }

        /// <summary>
        /// The turn is over: the machine forgets it (so an idle session keeps nothing of it alive), ends every handle made
        /// for it, and goes back to the session for its next turn.
        /// </summary>
        private void Recycle()
        {
            _phase = Phase.Ended;
            _newItems.Clear();
            _cancellation.Reset();
            _telemetry = null;
            _viewReader = null;
            _oversize = null;
            _wire = default;
            _plan = default;
            _events = null;
            _current = null;
            _errorAfterYield = null;
            _malformedAfterYield = null;
            Version++;
            Volatile.Write(ref _session._spareRun, this);
        }
    }
}
