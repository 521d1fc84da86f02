using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using ProtocolCore.Events;
using ProtocolCore.Json;
using ProtocolCore.Models;
using ProtocolCore.Requests;

namespace ProtocolCore.Client;

/// <summary>
/// One turn's OpenTelemetry GenAI span (<c>chat {model}</c>, kind Client) and its <c>gen_ai.client.*</c> metrics. It
/// watches the turn's events from outside (<see cref="Observe"/>), so it sees the exception that ends a failed turn, and
/// the session tells it from inside when the turn really begins (<see cref="Begin"/>: after the session's turn lock, so
/// a turn queued behind another neither times the wait nor counts the other's reconnects) and which attempt is on the
/// wire (<see cref="Attempt"/>). Nothing of the messages and no credential becomes an attribute.
/// </summary>
internal sealed class TurnTelemetry
{
    /// <summary>
    /// The telemetry of the turn whose events <see cref="Observe"/> is pulling and that has not begun yet: the only way
    /// to hand it to the session's iterator without changing its signature. Set only until the turn begins.
    /// </summary>
    private static readonly AsyncLocal<TurnTelemetry?> s_pending = new();

    private readonly ResponsesSession _session;
    private Activity? _activity;
    private long _startedAt;
    private int _reconnectsAtStart;
    private TagList _metricTags;
    private ResponsesTurnResult? _result;
    private string? _errorType;

    private TurnTelemetry(ResponsesSession session) => _session = session;

    private bool Begun => _startedAt != 0;

    /// <summary>
    /// Yields <paramref name="turn"/>'s events and records the turn's span and metrics around them; when nobody listens
    /// (no activity listener, no metric of a turn enabled) as the turn is called, <paramref name="turn"/> itself: the
    /// observer, its span state and its iterator would record nothing and cost a few hundred bytes per turn.
    /// </summary>
    public static IAsyncEnumerable<ResponsesEvent> Observe(ResponsesSession session, IAsyncEnumerable<ResponsesEvent> turn, CancellationToken cancellationToken) =>
        IsObserved ? new ObservedTurn(session, turn, cancellationToken) : turn;

    /// <summary>Whether a turn started now would record anything: a span or one of the metrics <see cref="End"/> records.</summary>
    private static bool IsObserved =>
        ResponsesClientDiagnostics.ActivitySource.HasListeners()
        || ResponsesClientDiagnostics.OperationDuration.Enabled
        || ResponsesClientDiagnostics.TokenUsage.Enabled
        || ResponsesClientDiagnostics.TimeToFirstChunk.Enabled;

    /// <summary>
    /// An observed turn's events, enumerated once as the turn's own are: a second enumeration is refused when it asks
    /// for its enumerator, as an unobserved turn's is (the iterator alone would take the turn's enumerator, and so
    /// refuse, only at its first step).
    /// </summary>
    private sealed class ObservedTurn(ResponsesSession session, IAsyncEnumerable<ResponsesEvent> turn, CancellationToken cancellationToken) : IAsyncEnumerable<ResponsesEvent>
    {
        private bool _enumerated;

        public IAsyncEnumerator<ResponsesEvent> GetAsyncEnumerator(CancellationToken enumerationToken = default)
        {
            if (_enumerated)
            {
                throw TurnEvents.EnumeratedTwice();
            }

            _enumerated = true;
            return ObserveCore(session, turn, cancellationToken).GetAsyncEnumerator(enumerationToken);
        }
    }

    private static async IAsyncEnumerable<ResponsesEvent> ObserveCore(ResponsesSession session, IAsyncEnumerable<ResponsesEvent> turn, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var telemetry = new TurnTelemetry(session);
        try
        {
            await using IAsyncEnumerator<ResponsesEvent> events = turn.GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                bool has;
                try
                {
                    if (!telemetry.Begun)
                    {
                        s_pending.Value = telemetry;
                    }

                    has = await events.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    telemetry.Fail(e);
                    throw;
                }

                if (!has)
                {
                    break;
                }

                ResponsesEvent item = events.Current;
                if (ResponsesTerminal.IsTerminal(item))
                {
                    // The session recorded the turn's result just before it yields the terminal event.
                    telemetry.Complete(item, session.LastTurn);
                }

                yield return item;
            }
        }
        finally
        {
            telemetry.End();
        }
    }

    /// <summary>
    /// Called by the session once the turn holds the session: starts the span (the caller's current activity is its
    /// parent) and the clock. Null when the turn is not observed.
    /// </summary>
    public static TurnTelemetry? Begin(ResponsesSession session)
    {
        if (s_pending.Value is not { } telemetry || telemetry._session != session || telemetry.Begun)
        {
            return null;
        }

        // Cleared for the rest of the turn: a connection opened now starts its receive loop in this execution context,
        // and a pooled connection would otherwise keep the turn (and its session) reachable for as long as it lives.
        s_pending.Value = null;
        telemetry.Start();
        return telemetry;
    }

    /// <summary>The attempt on the wire: the transport and whether it carries the whole conversation (a retry overwrites the earlier attempt's values).</summary>
    public void Attempt(ResponsesTransportMode mode, bool fullContext, int retries)
    {
        if (_activity is { } activity)
        {
            activity.SetTag(GenAIConventions.Mode, mode == ResponsesTransportMode.WebSocket ? "websocket" : "http");
            activity.SetTag(GenAIConventions.FullContext, fullContext);
            activity.SetTag(GenAIConventions.Retries, retries);
        }
    }

    private void Start()
    {
        ResponseCreateRequest template = _session.Template;
        Uri baseUrl = _session.Options.BaseUrl;
        string? model = template.Model;
        _metricTags = new TagList
        {
            { GenAIConventions.OperationName, GenAIConventions.ChatOperation },
            { GenAIConventions.ProviderName, GenAIConventions.OpenAIProvider },
        };
        if (model is not null)
        {
            _metricTags.Add(GenAIConventions.RequestModel, model);
        }

        _metricTags.Add(GenAIConventions.ServerAddress, baseUrl.IdnHost);
        _metricTags.Add(GenAIConventions.ServerPort, baseUrl.Port);

        ActivitySource source = ResponsesClientDiagnostics.ActivitySource;
        if (source.HasListeners())
        {
            // The convention's sampling-relevant attributes go in at creation, where a sampler sees them.
            string name = model is null ? GenAIConventions.ChatOperation : GenAIConventions.ChatOperation + " " + model;
            _activity = source.StartActivity(name, ActivityKind.Client, parentContext: default, tags: _metricTags);
            if (_activity is { IsAllDataRequested: true } activity)
            {
                activity.SetTag(GenAIConventions.OpenAIApiType, GenAIConventions.ResponsesApi);
                activity.SetTag(GenAIConventions.RequestStream, true);
                activity.SetTag(GenAIConventions.RequestMaxTokens, template.MaxOutputTokens);
                activity.SetTag(GenAIConventions.RequestTemperature, template.Temperature);
                activity.SetTag(GenAIConventions.RequestTopP, template.TopP);
                if (template.ServiceTier is { } tier && !tier.Is(ServiceTier.Auto))
                {
                    activity.SetTag(GenAIConventions.OpenAIRequestServiceTier, WireName(tier));
                }
            }
        }

        _reconnectsAtStart = _session.Reconnects;
        _startedAt = Stopwatch.GetTimestamp();
    }

    /// <summary>The terminal event arrived: the response's attributes, and the error of a failed or error-ended response.</summary>
    private void Complete(ResponsesEvent terminal, ResponsesTurnResult? result)
    {
        if (!Begun)
        {
            return;
        }

        _result = result;

        // A view turn keeps no Response: its terminal event is current here (it is yielded next), so it is read instead.
        Response? response = result?.Response ?? (terminal as IResponseLifecycleEvent)?.Response;
        if (response?.Model is { } responseModel)
        {
            _metricTags.Add(GenAIConventions.ResponseModel, responseModel);
        }

        switch (terminal)
        {
            case ErrorEvent error:
                _errorType = ResponsesTerminal.ErrorCode(error) ?? GenAIConventions.OtherError;
                break;
            case ResponseFailedEvent:
                _errorType = result?.Error?.Code ?? response?.Error?.Code ?? GenAIConventions.OtherError;
                break;
        }

        if (_activity is not { IsAllDataRequested: true } activity)
        {
            return;
        }

        activity.SetTag(GenAIConventions.ResponseId, response?.Id);
        activity.SetTag(GenAIConventions.ResponseModel, response?.Model);
        activity.SetTag(GenAIConventions.ResponseFinishReasons, new[] { FinishReason(terminal, result) });
        activity.SetTag(GenAIConventions.ConversationId, response?.Conversation?.Id);
        activity.SetTag(GenAIConventions.PreviousResponseId, response?.PreviousResponseId);
        if (response?.ServiceTier is { } tier)
        {
            activity.SetTag(GenAIConventions.OpenAIResponseServiceTier, WireName(tier));
        }

        if (response?.Usage is { } usage)
        {
            activity.SetTag(GenAIConventions.UsageInputTokens, usage.InputTokens);
            activity.SetTag(GenAIConventions.UsageOutputTokens, usage.OutputTokens);
            activity.SetTag(GenAIConventions.UsageCacheReadInputTokens, usage.InputTokensDetails?.CachedTokens);
            activity.SetTag(GenAIConventions.UsageCacheCreationInputTokens, usage.InputTokensDetails?.CacheWriteTokens);
            activity.SetTag(GenAIConventions.UsageReasoningOutputTokens, usage.OutputTokensDetails?.ReasoningTokens);
        }

        if (result is not null)
        {
            activity.SetTag(GenAIConventions.ResponseTimeToFirstChunk, result.TimeToFirstEvent.TotalSeconds);
            activity.SetTag(GenAIConventions.BytesSent, result.BytesSent);
            activity.SetTag(GenAIConventions.BytesReceived, result.BytesReceived);
            SetServerHeaders(activity, result.ServerHeaders);
        }
    }

    /// <summary>The server's request id and remaining rate limits (allow-listed and redacted by <see cref="ResponsesServerHeaders"/>).</summary>
    private static void SetServerHeaders(Activity activity, ResponsesServerHeaders? headers)
    {
        if (headers is null)
        {
            return;
        }

        activity.SetTag(GenAIConventions.ServerRequestId, headers.RequestId);
        activity.SetTag(GenAIConventions.RateLimitRemainingRequests, headers.RemainingRequests);
        activity.SetTag(GenAIConventions.RateLimitRemainingTokens, headers.RemainingTokens);
    }

    /// <summary>The turn ended with <paramref name="exception"/> (after its terminal event, or without one).</summary>
    private void Fail(Exception exception)
    {
        if (!Begun)
        {
            // Failed before it held the session (a bad stream id, cancelled while queued): no request, no telemetry.
            return;
        }

        _errorType = exception switch
        {
            ResponsesApiException { Code: { } code } => code,
            ResponsesApiException { Status: { } status } => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => exception.GetType().FullName ?? GenAIConventions.OtherError,
        };

        if (exception is ResponsesApiException { ServerHeaders: { } headers } && _activity is { IsAllDataRequested: true } failed)
        {
            SetServerHeaders(failed, headers);
        }

        // The message is ours or the server's, and a server may echo a rejected key: it goes through the redactor.
        _activity?.SetStatus(ActivityStatusCode.Error, SecretRedactor.For(_session.Options).Redact(exception.Message));
    }

    /// <summary>Ends the span and records the metrics (a turn abandoned before its terminal event ends without an error).</summary>
    private void End()
    {
        if (!Begun)
        {
            return;
        }

        double seconds = Stopwatch.GetElapsedTime(_startedAt).TotalSeconds;
        TagList tags = _metricTags;
        if (_errorType is not null)
        {
            tags.Add(GenAIConventions.ErrorType, _errorType);
        }

        ResponsesClientDiagnostics.OperationDuration.Record(seconds, tags);
        if (_result is { } result)
        {
            if (result.Usage is { } usage)
            {
                RecordTokens(usage.InputTokens, GenAIConventions.InputTokenType);
                RecordTokens(usage.OutputTokens, GenAIConventions.OutputTokenType);
            }

            if (result.EventCount > 0)
            {
                ResponsesClientDiagnostics.TimeToFirstChunk.Record(result.TimeToFirstEvent.TotalSeconds, tags);
            }
        }

        if (_activity is { } activity)
        {
            activity.SetTag(GenAIConventions.Reconnects, _session.Reconnects - _reconnectsAtStart);
            if (_errorType is not null)
            {
                activity.SetTag(GenAIConventions.ErrorType, _errorType);
                if (activity.Status != ActivityStatusCode.Error)
                {
                    // An error event or response.failed the session returned rather than threw: the code says it all.
                    activity.SetStatus(ActivityStatusCode.Error, _errorType);
                }
            }

            activity.Dispose();
        }
    }

    private void RecordTokens(int? count, string type)
    {
        if (count is { } value)
        {
            TagList tags = _metricTags;
            tags.Add(GenAIConventions.TokenType, type);
            ResponsesClientDiagnostics.TokenUsage.Record(value, tags);
        }
    }

    /// <summary>
    /// The Responses API has no finish reason; this is the Chat Completions one its end amounts to: <c>tool_calls</c>
    /// or <c>stop</c> for a completed response, <c>length</c> or <c>content_filter</c> (else the reason as sent) for an
    /// incomplete one, <c>error</c> for a failed one or an error event.
    /// </summary>
    private static string FinishReason(ResponsesEvent terminal, ResponsesTurnResult? result) => terminal switch
    {
        ResponseIncompleteEvent => result?.IncompleteDetails?.Reason switch
        {
            { } reason when reason.Is(IncompleteReason.MaxOutputTokens) => "length",
            { } reason when reason.Is(IncompleteReason.ContentFilter) => "content_filter",
            { } reason when reason.Is(IncompleteReason.Steered) => "steered",
            { UnknownValue: { } unknown } => unknown,
            _ => "incomplete",
        },
        ResponseFailedEvent or ErrorEvent => "error",
        _ => result?.FunctionCalls.Count > 0 ? "tool_calls" : "stop",
    };

    /// <summary>A service tier as the API spells it.</summary>
    private static string WireName(StringEnum<ServiceTier> tier) => tier.UnknownValue ?? tier.Value switch
    {
        ServiceTier.Auto => "auto",
        ServiceTier.Default => "default",
        ServiceTier.Flex => "flex",
        ServiceTier.Scale => "scale",
        ServiceTier.Priority => "priority",
        ServiceTier.Fast => "fast",
        ServiceTier.Ultrafast => "ultrafast",
        _ => GenAIConventions.OtherError,
    };
}
